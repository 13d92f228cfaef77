// `recount review`: go through the queue of uncertain pairs (docs/linkage.md#review-queue) at a
// terminal, or list and decide pairs non-interactively for scripts.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/review_queue.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/record_ref.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

struct ReviewFlags {
  bool list = false;
  bool history = false;
  std::vector<std::string> decide;  // A,B and accept|reject
  std::string undo;                 // A,B
  std::string note;
  double low = 0.2, high = 0.9;
  size_t limit = 20;
};

Result<std::pair<model::RowId, model::RowId>> ParsePair(storage::Store& store,
                                                        const std::string& text) {
  size_t comma = text.find(',');
  if (comma == std::string::npos) {
    return InvalidArgument("'" + text +
                           "' is not a pair of records; write A,B (ids from "
                           "'recount review --list', or SOURCE:RECORD_ID)");
  }
  ASSIGN_OR_RETURN(model::RowId a, ResolveRecordRef(store, text.substr(0, comma)));
  ASSIGN_OR_RETURN(model::RowId b, ResolveRecordRef(store, text.substr(comma + 1)));
  return std::make_pair(a, b);
}

// Terminal columns a code point takes: 2 for Hangul and CJK ideographs (East Asian wide), else 1.
int CodePointWidth(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                 (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                 (c >= 0xFF00 && c <= 0xFF60)
             ? 2
             : 1;
}

// `s` cut to at most `width` columns ("..." marks a cut) and padded with spaces to `width`.
std::string Cell(const std::string& s, int width) {
  struct Glyph {
    size_t offset, len;
    int width;
  };
  std::vector<Glyph> glyphs;
  int total = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    len = std::min(len, s.size() - i);
    char32_t c = len == 1 ? b : b & (0x3F >> (len - 1));
    for (size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    glyphs.push_back({i, len, CodePointWidth(c)});
    total += glyphs.back().width;
    i += len;
  }
  std::string out;
  int used = 0;
  if (total <= width) {
    out = s;
    used = total;
  } else {
    for (const Glyph& g : glyphs) {
      if (used + g.width > width - 3) break;
      out.append(s, g.offset, g.len);
      used += g.width;
    }
    out += "...";
    used += 3;
  }
  if (used < width) out.append(static_cast<size_t>(width - used), ' ');
  return out;
}

void PrintSideBySide(std::ostream& os, const app::ReviewItem& item,
                     const std::vector<app::FieldComparison>& rows, bool locked) {
  os << "\n--- pair " << item.a << "," << item.b << "  probability " << std::fixed
     << std::setprecision(3) << item.probability
     << (item.cluster_a == item.cluster_b ? "  (linked now)" : "  (not linked now)") << "\n";
  for (const app::FieldComparison& r : rows) {
    if (r.left.empty() && r.right.empty()) continue;
    std::string line = (r.differs ? "* " : "  ") + Cell(r.field, 14) +
                       Cell(r.left.empty() ? "-" : r.left, 38) + "  " +
                       Cell(r.right.empty() ? "-" : r.right, 38);
    line.erase(line.find_last_not_of(' ') + 1);
    os << line << "\n";
  }
  if (locked) os << "  (names hidden: the identity vault is locked)\n";
  os << "(* = the records differ)\n";
}

Status Interactive(storage::Store& store, const ReviewFlags& f, CommandContext& ctx) {
  ASSIGN_OR_RETURN(app::ReviewQueue q, app::BuildReviewQueue(store, {f.low, f.high}));
  if (q.items.empty()) {
    *ctx.out << app::FormatReviewQueue(q, 0);
    return Status();
  }
  ASSIGN_OR_RETURN(app::IdentityReader reader, OpenIdentities(store, VaultNeed::kOptional, ctx));
  RETURN_IF_ERROR(PrepareStoreForWriting(store, ctx));
  *ctx.out << q.items.size() << " pairs to review, most uncertain first.\n";
  size_t accepted = 0, rejected = 0, skipped = 0;
  for (const app::ReviewItem& item : q.items) {
    ASSIGN_OR_RETURN(storage::StoredRecord ra, store.GetRecord(item.a));
    ASSIGN_OR_RETURN(storage::StoredRecord rb, store.GetRecord(item.b));
    std::optional<model::Identity> ia, ib;
    if (!reader.locked()) {
      ASSIGN_OR_RETURN(ia, reader.Read(ra));
      ASSIGN_OR_RETURN(ib, reader.Read(rb));
    }
    auto rows =
        app::CompareForReview(ra.record, rb.record, ia ? &*ia : nullptr, ib ? &*ib : nullptr);
    PrintSideBySide(*ctx.out, item, rows, reader.locked());
    bool quit = false;
    while (true) {
      *ctx.out << "[a]ccept (same person), [r]eject (different), [s]kip, [q]uit? " << std::flush;
      std::string line;
      if (!std::getline(std::cin, line)) {
        quit = true;
        break;
      }
      std::string answer = line.substr(0, line.find_first_of(" \t"));
      std::string note = line.size() > answer.size() ? line.substr(answer.size() + 1) : "";
      if (answer == "a" || answer == "accept" || answer == "r" || answer == "reject") {
        bool accept = answer[0] == 'a';
        ASSIGN_OR_RETURN(
            storage::ReviewDecision d,
            app::DecidePair(
                store, item.a, item.b,
                accept ? storage::ReviewVerdict::kAccept : storage::ReviewVerdict::kReject, note));
        *ctx.out << "decision " << d.id << ": " << storage::ReviewVerdictName(d.verdict) << " by "
                 << d.actor << "\n";
        (accept ? accepted : rejected)++;
        break;
      }
      if (answer == "s" || answer == "skip") {
        ++skipped;
        break;
      }
      if (answer == "q" || answer == "quit") {
        quit = true;
        break;
      }
      *ctx.out << "type a, r, s or q (anything after 'a ' or 'r ' is kept as a note)\n";
    }
    if (quit) break;
  }
  *ctx.out << "\n"
           << accepted << " accepted, " << rejected << " rejected, " << skipped
           << " skipped. Run 'recount link' to apply the decisions.\n";
  return Status();
}

}  // namespace

Command ReviewCommand() {
  return {
      "review",
      "review uncertain pairs of records: accept or reject links (queue, decisions, undo)",
      [](CLI::App& sub, CommandContext& ctx) -> Action {
        auto f = std::make_shared<ReviewFlags>();
        AddStoreOption(sub, ctx);
        AddJsonFlag(sub, ctx);
        sub.add_flag("--list", f->list, "print the queue, most uncertain pair first");
        sub.add_flag("--history", f->history, "print every decision ever made, oldest first");
        sub.add_option("--decide", f->decide, "decide one pair: --decide A,B accept|reject")
            ->expected(2);
        sub.add_option("--undo", f->undo,
                       "withdraw the standing decision on pair A,B (kept in the history)");
        sub.add_option("--note", f->note, "a note kept with the decision");
        sub.add_option("--low", f->low, "lower end of the uncertainty band (default 0.2)");
        sub.add_option("--high", f->high, "upper end of the uncertainty band (default 0.9)");
        sub.add_option("--limit", f->limit, "pairs listed by --list (default 20)");
        sub.footer(
            "Without --list/--decide/--undo/--history: one pair at a time, both records side by "
            "side (names only when the identity vault is unlocked). Decisions are attributed to "
            "$RECOUNT_ACTOR (else the login name), logged, and applied by the next "
            "'recount link'. Method: docs/linkage.md#review-queue.");
        return [&ctx, f]() -> Status {
          int modes = f->list + f->history + !f->decide.empty() + !f->undo.empty();
          if (modes > 1) {
            return InvalidArgument("use one of --list, --history, --decide, --undo at a time");
          }
          ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                          storage::OpenMode::kOpenExisting));
          if (f->list) {
            ASSIGN_OR_RETURN(app::ReviewQueue q, app::BuildReviewQueue(*store, {f->low, f->high}));
            if (ctx.global.json && f->limit < q.items.size()) q.items.resize(f->limit);
            *ctx.out << (ctx.global.json ? app::ReviewQueueJson(q) + "\n"
                                         : app::FormatReviewQueue(q, f->limit));
            return Status();
          }
          if (f->history) {
            ASSIGN_OR_RETURN(auto history, store->ListReviewDecisions());
            nlohmann::json j = nlohmann::json::array();
            for (const storage::ReviewDecision& d : history) {
              if (ctx.global.json) {
                j.push_back({{"id", d.id},
                             {"a", d.a},
                             {"b", d.b},
                             {"decision", std::string(storage::ReviewVerdictName(d.verdict))},
                             {"probability", d.probability},
                             {"note", d.note},
                             {"actor", d.actor},
                             {"time", d.decided_at}});
              } else {
                *ctx.out << d.id << "  " << d.decided_at << "  " << d.actor << "  "
                         << storage::ReviewVerdictName(d.verdict) << " " << d.a << "," << d.b
                         << (d.note.empty() ? "" : "  \"" + d.note + "\"") << "\n";
              }
            }
            if (ctx.global.json) *ctx.out << j.dump() << "\n";
            if (!ctx.global.json && history.empty()) *ctx.out << "No decisions yet.\n";
            return Status();
          }
          if (!f->decide.empty() || !f->undo.empty()) {
            std::string pair_text = f->undo.empty() ? f->decide[0] : f->undo;
            storage::ReviewVerdict verdict = storage::ReviewVerdict::kUndo;
            if (f->undo.empty()) {
              ASSIGN_OR_RETURN(verdict, storage::ParseReviewVerdict(f->decide[1]));
              if (verdict == storage::ReviewVerdict::kUndo) {
                return InvalidArgument("write --undo A,B to withdraw a decision");
              }
            }
            ASSIGN_OR_RETURN(auto pair, ParsePair(*store, pair_text));
            RETURN_IF_ERROR(PrepareStoreForWriting(*store, ctx));
            ASSIGN_OR_RETURN(storage::ReviewDecision d,
                             app::DecidePair(*store, pair.first, pair.second, verdict, f->note));
            if (ctx.global.json) {
              *ctx.out << nlohmann::json{{"id", d.id},
                                         {"a", d.a},
                                         {"b", d.b},
                                         {"decision",
                                          std::string(storage::ReviewVerdictName(d.verdict))},
                                         {"actor", d.actor}}
                              .dump()
                       << "\n";
            } else {
              *ctx.out << "Decision " << d.id << ": " << storage::ReviewVerdictName(d.verdict)
                       << " pair " << d.a << "," << d.b << " (by " << d.actor
                       << "). Run 'recount link' to apply it.\n";
            }
            return Status();
          }
          return Interactive(*store, *f, ctx);
        };
      }};
}

}  // namespace recount::cli
