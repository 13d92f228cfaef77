// The Korean name stage of normalisation (docs/linkage.md#korean-names): makes the spellings of
// one Korean name meet. For each name variant it adds
//   - Hangul: the South Korean initial-sound form (리영희 -> 이영희) and the Revised Romanization
//     of both forms, folded, as the canonical key;
//   - romanised text ("Ri Yong Hui", "Lee Young-hee", "Piao"): the best Hangul readings from
//     korean::ParseRomanized, in their South form and canonical romanisation.
// Non-Korean names pass through unchanged. Stateless; thread-safe.
#pragma once

#include <memory>

#include "linkage/normalize.h"

namespace recount::linkage {

std::unique_ptr<NameStage> MakeKoreanNameStage();

}  // namespace recount::linkage
