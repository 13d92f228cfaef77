#include "app/simulate.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

#include "app/data_dir.h"

namespace recount::app {

namespace {

// Writes files below a directory with stdio; each file is opened (truncated) on first write.
class DirSink : public sim::FileSink {
 public:
  explicit DirSink(std::string dir) : dir_(std::move(dir)) {}
  ~DirSink() override {
    for (auto& [name, f] : files_) std::fclose(f);
  }

  Status Write(const std::string& name, std::string_view bytes) override {
    FILE* f = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = files_.find(name);
      if (it == files_.end()) {
        const std::string path = dir_ + "/" + name;
        f = std::fopen(path.c_str(), "wb");
        if (f == nullptr) {
          return IoError("cannot create " + path + ": " + std::strerror(errno) +
                         "; choose a writable --out directory");
        }
        files_.emplace(name, f);
      } else {
        f = it->second;
      }
    }
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
      return IoError("cannot write " + dir_ + "/" + name + ": " + std::strerror(errno) +
                     " (disk full?)");
    }
    return Status();
  }

  Status Close() {
    Status result;
    for (auto& [name, f] : files_) {
      if (std::fclose(f) != 0 && result.ok()) {
        result =
            IoError("cannot finish writing " + dir_ + "/" + name + ": " + std::strerror(errno));
      }
    }
    files_.clear();
    return result;
  }

 private:
  std::string dir_;
  std::mutex mu_;  // guards files_ (writes to one file come from one thread)
  std::map<std::string, FILE*> files_;
};

Status PrepareDir(const std::string& dir) {
  namespace fs = std::filesystem;
  if (dir.empty()) return InvalidArgument("--out is empty; name a directory for the files");
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return InvalidArgument("--out " + dir + " is a file, not a directory; choose a directory");
  }
  fs::create_directories(dir, ec);
  if (ec) {
    return IoError("cannot create directory " + dir + ": " + ec.message() +
                   "; choose a writable --out directory");
  }
  const std::string probe = dir + "/.recount-simulate-probe";
  FILE* f = std::fopen(probe.c_str(), "wb");
  if (f == nullptr) {
    return IoError("directory " + dir + " is not writable: " + std::strerror(errno) +
                   "; choose a writable --out directory");
  }
  std::fclose(f);
  std::remove(probe.c_str());
  return Status();
}

}  // namespace

Result<sim::SimSummary> Simulate(const SimulateOptions& options, const sim::ProgressFn& progress) {
  sim::SimConfig config;
  config.persons = options.persons;
  config.sources = options.sources;
  config.seed = options.seed;
  config.threads = options.threads;
  ASSIGN_OR_RETURN(
      auto simulation,
      sim::Simulation::Create(config, options.data_dir.empty() ? DataDir() : options.data_dir));
  RETURN_IF_ERROR(PrepareDir(options.out_dir));
  DirSink sink(options.out_dir);
  ASSIGN_OR_RETURN(sim::SimSummary summary, simulation->Run(sink, progress));
  RETURN_IF_ERROR(sink.Close());
  return summary;
}

}  // namespace recount::app
