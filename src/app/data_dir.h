// Where recount finds its shipped data (vocabularies, gazetteer, simulator tables):
// $RECOUNT_DATA_DIR if set, else the data/ folder of the source tree it was built from.
#pragma once

#include <string>

namespace recount::app {

std::string DataDir();

}  // namespace recount::app
