#include <nlohmann/json.hpp>
#include <ostream>

#include "app/edit_record.h"
#include "app/identity_reads.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/narrative_unlock.h"
#include "cli/record_ref.h"
#include "storage/store.h"

namespace recount::cli {

Command EditCommand() {
  return {"edit", "change fields of one record; the old version is kept and the edit logged",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            struct Options {
              std::string which;
              std::vector<std::string> set;
              int act = 0;
              bool add_act = false;
              int remove_act = 0;
              int64_t version = 0;
              std::string reason;
            };
            auto o = std::make_shared<Options>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("id", o->which, "record id (from 'recount list') or SOURCE:RECORD_ID")
                ->required();
            sub.add_option("--set", o->set,
                           "FIELD=VALUE, repeatable: a field of the import layout "
                           "(docs/import-format.md), e.g. event_date=2019-03 or sex=female; an "
                           "empty VALUE clears the field");
            sub.add_option("--act", o->act,
                           "which act (1, 2, ... as 'recount show' lists them) the act fields "
                           "(act, event_date, event_place, perpetrator, involvement, age) change; "
                           "needed when the record has several acts");
            sub.add_flag("--add-act", o->add_act, "add a new act described by the act fields");
            sub.add_option("--remove-act", o->remove_act, "remove act N");
            sub.add_option("--version", o->version,
                           "the version you looked at ('recount show' prints it): the edit is "
                           "refused if someone changed the record since");
            sub.add_option("--reason", o->reason, "why, for the record's history (one line)");
            sub.footer(
                "The edit is validated like an import row. The record's previous version is kept "
                "('recount history ID', 'recount show ID --version N') and the change is logged; "
                "changing a name or the interviewer needs the identity vault unlocked.");
            return [&ctx, o]() -> Status {
              app::EditRequest request;
              for (const std::string& s : o->set) {
                size_t eq = s.find('=');
                if (eq == std::string::npos || eq == 0) {
                  return InvalidArgument("--set " + s + ": write FIELD=VALUE, e.g. "
                                         "--set event_date=2019-03");
                }
                request.changes.push_back({s.substr(0, eq), s.substr(eq + 1)});
              }
              if (o->reason.find_first_of("\r\n") != std::string::npos) {
                return InvalidArgument("--reason must be one line");
              }
              request.act = o->act;
              request.add_act = o->add_act;
              request.remove_act = o->remove_act;
              request.expected_version = o->version;
              request.reason = o->reason;
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              // One unlock of the store key: it opens and seals the narrative and signs the log.
              ASSIGN_OR_RETURN(NarrativeAccess narratives,
                               OpenNarratives(*store, NarrativeNeed::kRequired,
                                              "edit records", ctx));
              if (narratives.master_key) {
                RETURN_IF_ERROR(PrepareStoreForWriting(*store, *narratives.master_key));
              } else {
                RETURN_IF_ERROR(PrepareStoreForWriting(*store, ctx));
              }
              ASSIGN_OR_RETURN(request.id, ResolveRecordRef(*store, o->which));
              ASSIGN_OR_RETURN(app::IdentityReader reader,
                               OpenIdentities(*store, VaultNeed::kOptional, ctx));
              ASSIGN_OR_RETURN(app::EditResult r,
                               app::EditRecord(*store, request, reader, narratives.reader));
              if (!reader.read_ids().empty()) {
                RETURN_IF_ERROR(app::LogIdentityReads(*store, reader, "edit"));
              }
              if (ctx.global.json) {
                *ctx.out << nlohmann::json{{"record", request.id},
                                           {"old_version", r.old_version},
                                           {"version", r.new_version},
                                           {"changed", r.changed},
                                           {"identity_changed", r.identity_changed}}
                                .dump()
                         << "\n";
                return Status();
              }
              if (r.new_version == r.old_version) {
                *ctx.out << "Record " << r.name << " already has these values; nothing changed "
                         << "(still version " << r.old_version << ").\n";
                return Status();
              }
              *ctx.out << "Record " << r.name << " is now version " << r.new_version
                       << " (changed: ";
              for (size_t i = 0; i < r.changed.size(); ++i) {
                *ctx.out << (i ? ", " : "") << r.changed[i];
              }
              *ctx.out << "). Version " << r.old_version
                       << " is kept: 'recount history " << request.id << "'.\n";
              return Status();
            };
          }};
}

}  // namespace recount::cli
