#include "app/import_records.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "app/data_dir.h"
#include "app/places.h"
#include "base/clock.h"
#include "base/csv_writer.h"
#include "ingest/record_builder.h"
#include "model/vocabulary.h"

namespace recount::app {
namespace {

// One row after parsing and validation, on its way to the store (or to the reject file).
struct Item {
  bool valid = false;
  bool fatal = false;  // the file cannot be read further: stop the import
  model::Record record;
  std::string file;
  int64_t line = 0;
  std::string raw;
  std::string header;
  std::vector<std::string> reasons;
};

// A bounded queue of chunks of items between the reading thread and the writing thread, so
// memory stays flat whatever the file size.
class Channel {
 public:
  explicit Channel(size_t max_chunks) : max_chunks_(max_chunks) {}
  // Returns false if the consumer has stopped listening.
  bool Push(std::vector<Item>&& chunk) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return chunks_.size() < max_chunks_ || stopped_; });
    if (stopped_) return false;
    chunks_.push_back(std::move(chunk));
    not_empty_.notify_one();
    return true;
  }
  // Returns false when closed and drained.
  bool Pop(std::vector<Item>* chunk) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !chunks_.empty() || closed_; });
    if (chunks_.empty()) return false;
    *chunk = std::move(chunks_.front());
    chunks_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    chunks_.clear();
    not_full_.notify_all();
  }
  bool stopped() {
    std::lock_guard<std::mutex> lock(mu_);
    return stopped_;
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::vector<Item>> chunks_;
  size_t max_chunks_;
  bool closed_ = false;
  bool stopped_ = false;
};

constexpr size_t kChunkSize = 1024;

// The name of the coded person field on which two rows of the same record disagree, or "".
std::string Disagreement(const model::Record& first, const model::Record& next) {
  if (!next.sex.empty() && !first.sex.empty() && next.sex != first.sex) return "sex";
  if (next.birth.known() && first.birth.known() && !next.birth.Overlaps(first.birth)) {
    return "birth_date";
  }
  if (!next.origin_text.empty() && !first.origin_text.empty() &&
      next.origin_text != first.origin_text) {
    return "origin";
  }
  return "";
}


// Reads every file, validates rows and sends them down the channel (runs on its own thread).
void ProduceRows(const ImportOptions& options, const ingest::Mapping& mapping,
                 const ingest::RecordBuilder& builder, Channel* channel,
                 std::atomic<uint64_t>* bytes_done) {
  std::vector<Item> chunk;
  auto flush = [&]() -> bool {
    if (chunk.empty()) return true;
    bool ok = channel->Push(std::move(chunk));
    chunk.clear();
    chunk.reserve(kChunkSize);
    return ok;
  };
  uint64_t bytes_before = 0;
  for (const std::string& file : options.files) {
    Result<std::unique_ptr<ingest::RowSource>> opened =
        ingest::OpenRowSource(file, options.format, mapping);
    if (!opened.ok()) {
      Item item;
      item.fatal = true;
      item.file = file;
      item.reasons.push_back(opened.status().message());
      chunk.push_back(std::move(item));
      flush();
      channel->Close();
      return;
    }
    ingest::RowSource& rows = **opened;
    const std::string header = rows.header_text();
    ingest::Row row;
    model::Record first_of_record;
    std::vector<ingest::RowProblem> problems;
    int64_t n = 0;
    while (true) {
      Result<bool> more = rows.Next(&row);
      if (!more.ok() || !*more) {
        if (!more.ok()) {
          Item item;
          item.fatal = true;
          item.file = file;
          item.reasons.push_back(more.status().message());
          chunk.push_back(std::move(item));
          flush();
          channel->Close();
          return;
        }
        break;
      }
      if (++n % 4096 == 0) bytes_done->store(bytes_before + rows.bytes_read());
      Item item;
      item.file = file;
      item.line = row.line;
      problems.clear();
      item.valid = builder.Build(row, file, &item.record, &problems);
      if (item.valid && item.record.external_id == first_of_record.external_id) {
        std::string field = Disagreement(first_of_record, item.record);
        if (!field.empty()) {
          problems.push_back({row.line, field,
                              file + ":" + std::to_string(row.line) + ": " + field +
                                  ": differs from the earlier row of record '" +
                                  item.record.external_id +
                                  "'; rows of one record must agree (or leave it blank)"});
          item.valid = false;
        }
        item.record.narrative = first_of_record.narrative;  // sealed (see below)
      } else if (item.valid) {
        // A new record: its narrative is sealed here, off the writing thread. Later rows of the
        // same record add acts only (the store keeps the first row's narrative), so they carry
        // the sealed text too and no plain narrative is ever queued.
        Result<std::string> sealed = options.sealer->SealNarrative(
            options.source, item.record.external_id, item.record.narrative);
        if (!sealed.ok()) {
          item.fatal = true;
          item.reasons.push_back(file + ":" + std::to_string(row.line) +
                                 ": narrative: cannot be sealed: " + sealed.status().message());
          chunk.push_back(std::move(item));
          flush();
          channel->Close();
          return;
        }
        item.record.narrative = std::move(*sealed);
        first_of_record = item.record;
      }
      if (!item.valid) {
        for (const auto& p : problems) item.reasons.push_back(p.message);
        if (options.skip_invalid) {
          item.raw = rows.CurrentRaw(row);
          item.header = header;
        }
      }
      chunk.push_back(std::move(item));
      if (chunk.size() >= kChunkSize && !flush()) return;  // the writer stopped
    }
    bytes_before += rows.bytes_read();
    bytes_done->store(bytes_before);
  }
  flush();
  channel->Close();
}

}  // namespace

Result<ImportReport> ImportRecords(storage::Store& store, const ImportOptions& options) {
  if (options.source.empty()) {
    return InvalidArgument("name the source these files come from with --source NAME");
  }
  if (options.files.empty()) return InvalidArgument("no files to import");
  if (options.sealer == nullptr) {
    return FailedPrecondition("import needs the store key unlocked: narratives are sealed as "
                              "they are imported");
  }
  if (options.vault == nullptr) {
    return FailedPrecondition("import needs the identity vault unlocked: identities are sealed as "
                              "they are imported");
  }
  ASSIGN_OR_RETURN(model::Vocabularies vocab, model::Vocabularies::Load(DataDir()));
  ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());
  ingest::Mapping mapping = ingest::DefaultMapping();
  if (!options.mapping_path.empty()) {
    ASSIGN_OR_RETURN(mapping, ingest::LoadMapping(options.mapping_path));
  }
  uint64_t total_bytes = 0;
  for (const std::string& f : options.files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f, ec)) {
      return NotFound(f + ": no such file; check the path");
    }
    total_bytes += std::filesystem::file_size(f, ec);
  }

  ImportReport report;
  report.source = options.source;
  if (options.skip_invalid) {
    report.reject_path =
        options.reject_path.empty() ? options.files[0] + ".rejects.csv" : options.reject_path;
  }

  std::string description = "import of";
  for (const std::string& f : options.files) description += " " + f;
  ASSIGN_OR_RETURN(auto batch, store.BeginImport(options.source, description));

  // Reading and validating (one thread) overlaps with writing to the store (this thread).
  ingest::RecordBuilder builder(
      vocab, [&places](std::string_view text) { return places->Resolve(text); }, CurrentYear());
  Channel channel(/*max_chunks=*/8);
  std::atomic<uint64_t> bytes_done{0};
  std::thread producer(ProduceRows, std::cref(options), std::cref(mapping), std::cref(builder),
                       &channel, &bytes_done);
  struct Joiner {
    std::thread* t;
    Channel* c;
    ~Joiner() {
      c->Stop();
      if (t->joinable()) t->join();
    }
  } joiner{&producer, &channel};

  std::vector<std::string> problems;
  std::ofstream rejects;
  std::vector<Item> chunk;
  Status storage_error;
  while (storage_error.ok() && channel.Pop(&chunk)) {
    if (options.progress) options.progress(bytes_done.load(), total_bytes);
    for (Item& item : chunk) {
      ++report.rows;
      if (item.fatal) {
        if (options.skip_invalid) {
          storage_error = InvalidArgument(item.reasons[0] +
                                          " (the file cannot be read past this point, so "
                                          "nothing was imported)");
        } else {
          problems.push_back(item.reasons[0]);
        }
        --report.rows;
        break;
      }
      if (item.valid) {
        const model::Record& record = item.record;
        Status seal_error;
        Result<storage::ImportBatch::Added> added = batch->Add(
            record, [&record, &options, &seal_error]() -> std::pair<std::string, std::string> {
              if (record.identity.empty()) return {};
              Result<std::pair<std::string, std::string>> sealed =
                  options.vault->Seal(record.identity);
              if (!sealed.ok()) {
                seal_error = sealed.status();
                return {};
              }
              return std::move(*sealed);
            });
        if (!seal_error.ok()) {
          storage_error = seal_error;  // the batch rolls back
          break;
        }
        if (!added.ok()) {
          if (added.status().code() != StatusCode::kAlreadyExists) {
            storage_error = added.status();  // the batch rolls back
            break;
          }
          item.valid = false;
          item.reasons.push_back(item.file + ":" + std::to_string(item.line) +
                                 ": record_id: " + added.status().message());
        } else {
          if (added->new_record) ++report.records;
          report.acts += static_cast<int64_t>(record.acts.size());
          for (const model::Act& a : record.acts) {
            if (!a.place_text.empty() && a.place_id.empty()) ++report.unresolved_places;
          }
        }
      }
      if (item.valid) continue;
      if (options.skip_invalid) {
        if (!rejects.is_open()) {
          rejects.open(report.reject_path, std::ios::binary | std::ios::trunc);
          if (!rejects) {
            storage_error = IoError(report.reject_path +
                                    ": cannot write the reject file; choose another path "
                                    "with --rejects");
            break;
          }
          rejects << "file,line,reason," << item.header << "\n";
        }
        std::string reasons;
        for (const std::string& r : item.reasons) reasons += (reasons.empty() ? "" : " | ") + r;
        rejects << CsvEscape(item.file) << "," << item.line << "," << CsvEscape(reasons) << ","
                << item.raw << "\n";
        ++report.rejected;
      } else {
        for (std::string& r : item.reasons) {
          if (problems.size() < options.max_reported) problems.push_back(std::move(r));
        }
      }
    }
    if (!options.skip_invalid && problems.size() >= options.max_reported) break;
  }
  channel.Stop();
  if (producer.joinable()) producer.join();
  RETURN_IF_ERROR(storage_error);
  if (options.progress) options.progress(total_bytes, total_bytes);

  if (!problems.empty()) {
    std::string msg = "nothing was imported; fix these problems and import again (or use "
                      "--skip-invalid to import the valid rows and write the others to a reject "
                      "file):";
    for (const std::string& p : problems) msg += "\n  " + p;
    if (problems.size() >= options.max_reported) {
      msg += "\n  (stopped after " + std::to_string(options.max_reported) + " problems)";
    }
    return InvalidArgument(msg);  // the batch is destroyed uncommitted: rolled back
  }
  if (rejects.is_open()) {
    rejects.close();
    if (!rejects) return IoError(report.reject_path + ": writing the reject file failed");
  }
  RETURN_IF_ERROR(batch->Commit());
  return report;
}

}  // namespace recount::app
