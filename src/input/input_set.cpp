#include "huntq/input/input_set.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "fmt/format.h"
#include "huntq/input/quote_cut.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

using FileId = std::pair<dev_t, ino_t>;

struct Candidate {
  std::string path;
  std::string table;   // --table NAME, or empty
  bool named = false;  // named on the command line (must read), not found in a folder or glob
};

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

bool is_unreadable_errno(int e) {
  return e == EACCES || e == EPERM || e == EIO || e == ELOOP || e == ENAMETOOLONG || e == EOVERFLOW;
}

class Gatherer {
 public:
  explicit Gatherer(const GatherRequest& request) : req_(request) {}

  InputSet run() {
    for (const std::string& p : req_.paths) expand(p, {});
    for (const std::string& spec : req_.table_specs) {
      const auto eq = spec.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
        throw Error(fmt::format("--table takes NAME=PATH (e.g. DeviceEvents=de.json), not {}",
                                quote_cut(spec)));
      }
      const std::string name = spec.substr(0, eq);
      if (find_table(name) == nullptr) {
        out_.warnings.push_back(fmt::format(
            "--table {}: not a Defender table; {} is read with the columns and types its export "
            "declares (else all strings)",
            quote_cut(name), quote_cut(spec.substr(eq + 1))));
      }
      expand(spec.substr(eq + 1), name);
    }
    for (Candidate& c : candidates_) read(c);
    std::vector<const SkippedPath*> unreadable;
    for (const auto& s : out_.skipped) {
      if (s.kind == SkipKind::Unreadable) unreadable.push_back(&s);
    }
    if (!unreadable.empty() && !req_.skip_unreadable) {
      std::string list;
      for (std::size_t i = 0; i < unreadable.size() && i < 3; ++i) {
        list += fmt::format("{}{}: {}", i ? "; " : "", unreadable[i]->where.to_string(),
                            unreadable[i]->why);
      }
      if (unreadable.size() > 3) list += fmt::format("; and {} more", unreadable.size() - 3);
      throw Error(
          fmt::format("cannot read {} path{} that could hold rows ({}); pass "
                      "--skip-unreadable to read the rest",
                      unreadable.size(), unreadable.size() == 1 ? "" : "s", list));
    }
    if (out_.inputs.empty()) {
      if (out_.skipped.empty())
        throw Error("no input files; give files or folders to read, or - for stdin");
      // Say why, so that a folder of look-alike files is not a mystery.
      std::string why;
      for (std::size_t i = 0; i < out_.skipped.size() && i < 3; ++i) {
        why += fmt::format("{}{}: {}", i ? "; " : "", out_.skipped[i].where.to_string(),
                           out_.skipped[i].why);
      }
      if (out_.skipped.size() > 3) why += fmt::format("; and {} more", out_.skipped.size() - 3);
      throw Error(fmt::format("no input files: all {} paths found were skipped ({})",
                              out_.skipped.size(), why));
    }
    return std::move(out_);
  }

 private:
  void skip(std::string path, std::string why, SkipKind kind) {
    out_.skipped.push_back({SourceLocation{std::move(path)}, std::move(why), kind});
  }

  // A command-line path (or a --table PATH) into candidates.
  void expand(const std::string& path, const std::string& table) {
    if (path == "-") {
      candidates_.push_back({path, table, true});
      return;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        std::vector<std::string> files;
        walk(path, files);
        std::sort(files.begin(), files.end());
        for (auto& f : files) candidates_.push_back({std::move(f), table, false});
      } else {
        candidates_.push_back({path, table, true});
      }
      return;
    }
    const int err = errno;
    struct stat lst {};
    if (err == ENOENT && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
      throw Error(SourceLocation{path}, "a symbolic link to nothing");
    }
    if ((err == ENOENT || err == ENOTDIR) && has_glob_chars(path)) {
      expand_glob(path, table);
      return;
    }
    if (is_unreadable_errno(err)) {
      skip(path, std::strerror(err), SkipKind::Unreadable);
      return;
    }
    throw Error(SourceLocation{path}, "no such file or directory");
  }

  void expand_glob(const std::string& pattern, const std::string& table) {
    std::vector<std::string> files;
    std::map<std::string, std::vector<std::string>> walked;  // base folder -> its files
    for (const std::string& p : expand_braces(pattern)) {
      // Walk from the longest folder prefix without glob syntax.
      std::string base;
      std::size_t start = 0;
      if (p.find('/') != std::string::npos) {
        for (std::size_t i = 0; i < p.size(); ++i) {
          if (p[i] == '/') {
            if (has_glob_chars(std::string_view(p).substr(start, i - start))) break;
            base = p.substr(0, i == 0 ? 1 : i);
            start = i + 1;
          }
        }
      }
      if (base.empty()) base = ".";
      auto it = walked.find(base);
      if (it == walked.end()) {
        it = walked.emplace(base, std::vector<std::string>{}).first;
        walk(base, it->second);
      }
      for (const auto& f : it->second) {
        if (glob_match(p, f)) files.push_back(f);
      }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    if (files.empty()) throw Error(SourceLocation{pattern}, "no file matches this glob");
    for (auto& f : files) candidates_.push_back({std::move(f), table, false});
  }

  // Every regular, non-empty file below `root`, following symbolic links; each folder once
  // (a link loop, or two links to one folder, are walked once).
  void walk(const std::string& root, std::vector<std::string>& files) {
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) {
      if (is_unreadable_errno(errno)) skip(root, std::strerror(errno), SkipKind::Unreadable);
      return;
    }
    std::set<FileId> walked{{st.st_dev, st.st_ino}};
    std::vector<std::string> stack{root};
    while (!stack.empty()) {
      const std::string dir = std::move(stack.back());
      stack.pop_back();
      DIR* d = ::opendir(dir.c_str());
      if (d == nullptr) {
        skip(dir, fmt::format("cannot read folder: {}", std::strerror(errno)),
             SkipKind::Unreadable);
        continue;
      }
      std::vector<std::string> names;
      errno = 0;
      while (const dirent* e = ::readdir(d)) names.emplace_back(e->d_name);
      const int read_err = errno;
      ::closedir(d);
      if (read_err != 0) {
        skip(dir, fmt::format("cannot read folder: {}", std::strerror(read_err)),
             SkipKind::Unreadable);
      }
      std::sort(names.begin(), names.end());
      std::vector<std::string> subdirs;
      for (const std::string& name : names) {
        if (name == "." || name == "..") continue;
        const std::string full = join(dir, name);
        if (name[0] == '.') {
          skip(full, "hidden", SkipKind::Hidden);
          continue;
        }
        struct stat est {};
        if (::stat(full.c_str(), &est) != 0) {
          const int e = errno;
          struct stat lst {};
          if (e == ENOENT && ::lstat(full.c_str(), &lst) == 0) {
            skip(full, "a symbolic link to nothing", SkipKind::BrokenLink);
          } else {
            skip(full, std::strerror(e),
                 is_unreadable_errno(e) || e == ENOENT ? SkipKind::Unreadable
                                                       : SkipKind::NotRegular);
          }
          continue;
        }
        if (S_ISDIR(est.st_mode)) {
          if (!walked.insert({est.st_dev, est.st_ino}).second) {
            skip(full, "a folder already walked (a symbolic link loop, or a second link to it)",
                 SkipKind::AlreadyWalked);
            continue;
          }
          subdirs.push_back(full);
        } else if (S_ISREG(est.st_mode)) {
          if (est.st_size == 0) {
            skip(full, "empty file", SkipKind::Empty);
          } else {
            files.push_back(full);
          }
        } else {
          skip(full, "not a regular file (a FIFO, socket or device is only read when named)",
               SkipKind::NotRegular);
        }
      }
      // Depth first, in name order.
      for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(*it);
    }
  }

  std::optional<FileId> identity(const std::string& path) {
    if (path == "-") return FileId{0, 0};
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileId{st.st_dev, st.st_ino};
  }

  InputInfo sniff(const Candidate& c) {
    return c.table.empty() ? sniff_input(c.path, nullptr, req_.options)
                           : sniff_input_as(c.path, c.table, req_.options);
  }

  void read(const Candidate& c) {
    const auto id = identity(c.path);
    if (id) {
      if (auto it = seen_.find(*id); it != seen_.end()) {
        InputInfo& first = out_.inputs[it->second];
        if (!c.table.empty() && !first.forced) {
          out_.warnings.push_back(fmt::format("{} is the same file as {}: read once, as {}", c.path,
                                              first.path, c.table));
          first = sniff(c);
        } else {
          out_.warnings.push_back(
              fmt::format("{} is the same file as {}: read once", c.path, first.path));
        }
        return;
      }
    }
    if (c.path != "-") {
      // Readable? (Permissions are the usual reason a file that could hold rows cannot be read.)
      const int fd = ::open(c.path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
      if (fd < 0) {
        const int e = errno;
        if (!is_unreadable_errno(e)) throw Error(SourceLocation{c.path}, std::strerror(e));
        skip(c.path, fmt::format("cannot open: {}", std::strerror(e)), SkipKind::Unreadable);
        return;
      }
      ::close(fd);
    }
    try {
      InputInfo info = sniff(c);
      if (id) seen_.emplace(*id, out_.inputs.size());
      out_.inputs.push_back(std::move(info));
    } catch (const Error& e) {
      // A file named on the command line must read; one met in a folder or through a glob that
      // is not an export (a README, a script) is passed over, as ripgrep passes over binaries.
      if (c.named) throw;
      skip(c.path, e.what_only(), SkipKind::NotExport);
      out_.skipped.back().where = e.where();
    }
  }

  const GatherRequest& req_;
  InputSet out_;
  std::vector<Candidate> candidates_;
  std::map<FileId, std::size_t> seen_;
};

}  // namespace

InputSet gather_inputs(const GatherRequest& request) {
  return Gatherer(request).run();
}

}  // namespace huntq::input
