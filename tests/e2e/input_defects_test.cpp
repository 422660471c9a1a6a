// The input defects found by probing (issue 9), through the binary as a user meets them.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "run_binary.h"

using huntq::testing::run_huntq;
using huntq::testing::TempDir;

namespace {

std::string de_row(const char* type, const char* md5, const char* additional) {
  return std::string("{") + type +
         "\"Timestamp\":\"2024-01-15T10:00:00Z\",\"DeviceName\":\"pc1\"," +
         "\"ActionType\":\"AntivirusDetection\",\"MD5\":\"" + md5 +
         "\",\"FileName\":\"a.exe\",\"FolderPath\":\"C:\\\\a\"," + additional + "}\n";
}

std::string dfe_row(const char* type, const char* md5) {
  return std::string("{") + type + "\"Timestamp\":\"2024-01-15T09:00:00Z\",\"MD5\":\"" + md5 +
         "\",\"FileOriginUrl\":\"http://x/\",\"FileOriginReferrerUrl\":\"\","
         "\"InitiatingProcessFileName\":\"chrome.exe\",\"InitiatingProcessParentFileName\":"
         "\"explorer.exe\",\"ActionType\":\"FileCreated\"}\n";
}

const char* kThreat = R"("AdditionalFields":"{\"ThreatName\":\"Trojan:X\"}")";

// Peak resident memory (KiB) of `huntq ARGS`, measured by the kernel for the child.
long peak_kib(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<char*> argv{const_cast<char*>(HUNTQ_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(HUNTQ_BINARY, argv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("defect 1: a file of DeviceEvents and DeviceFileEvents rows (Type) gives the join") {
  TempDir dir;
  const auto mixed =
      dir.write("sentinel.json", de_row("\"Type\":\"DeviceEvents\",", "aaa", kThreat) +
                                     dfe_row("\"Type\":\"DeviceFileEvents\",", "aaa"));
  const auto r = run_huntq({"run", "--format", "csv", mixed});
  INFO(r.err);
  CHECK(r.status == 0);  // was 1: the DeviceFileEvents row vanished
  CHECK(r.out.find("Trojan:X,a.exe") != std::string::npos);
}

TEST_CASE("defect 2: ThreatName from a union's AdditionalFields_dynamic") {
  TempDir dir;
  const auto de =
      dir.write("de.json", de_row("", "aaa",
                                  R"("ProcessRemoteSessionIP":"","AdditionalFields_string":null,)"
                                  R"("AdditionalFields_dynamic":{"ThreatName":"Trojan:U"})"));
  const auto dfe = dir.write("dfe.json", dfe_row("", "aaa"));
  const auto r = run_huntq({"run", "--format", "csv", de, dfe});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find(",Trojan:U,a.exe") != std::string::npos);  // was empty
}

TEST_CASE("defect 3: --strict stops at text after a CSV closing quote") {
  TempDir dir;
  const auto csv = dir.write("de.csv",
                             "Timestamp,ActionType,MD5,ProcessRemoteSessionIP,AdditionalFields\n"
                             "2024-01-15T10:00:00Z,\"Antivirus\"Detection,aaa,,{}\n");
  const auto dfe = dir.write("dfe.json", dfe_row("", "aaa"));
  const auto r = run_huntq({"run", "--strict", csv, dfe});
  CHECK(r.status == 2);
  CHECK(r.err.find("de.csv:2:33: text after the closing quote") != std::string::npos);
}

TEST_CASE("defect 4: a linked folder is read; an unreadable one fails the run") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "real");
  std::filesystem::create_directories(dir.path() / "exports");
  dir.write("real/de.json", de_row("", "aaa", kThreat));
  dir.write("exports/dfe.json", dfe_row("", "aaa"));
  std::filesystem::create_directory_symlink(dir.path() / "real", dir.path() / "exports/linked");
  const auto r = run_huntq({"run", "--format", "csv", (dir.path() / "exports").string()});
  INFO(r.err);
  CHECK(r.status == 0);  // was 2: "no input holds DeviceEvents rows"
  CHECK(r.out.find("Trojan:X") != std::string::npos);
}

TEST_CASE("defect 5: data after a gzip stream is not dropped unseen") {
  TempDir dir;
  const auto plain = dir.write("de.json", de_row("", "aaa", kThreat));
  REQUIRE(std::system(("gzip -kn " + plain).c_str()) == 0);
  {
    std::ofstream gz(plain + ".gz", std::ios::binary | std::ios::app);
    gz << "garbage after the stream";
  }
  const auto dfe = dir.write("dfe.json", dfe_row("", "aaa"));
  const auto r = run_huntq({"run", plain + ".gz", dfe});
  CHECK(r.status == 2);
  CHECK(r.err.find("data after the end of the gzip stream") != std::string::npos);
}

TEST_CASE("defect 6: --time-format does not accept 31 February; the offset is bounded") {
  TempDir dir;
  const auto csv = dir.write("de.csv",
                             "Timestamp,ActionType,MD5,ProcessRemoteSessionIP,AdditionalFields\n"
                             "31/02/2024 10:00:00,AntivirusDetection,aaa,,{}\n");
  const auto dfe = dir.write("dfe.json", dfe_row("", "aaa"));
  const auto r =
      run_huntq({"run", "--format", "csv", "--time-format", "%d/%m/%Y %H:%M:%S", csv, dfe});
  INFO(r.err);
  CHECK(r.err.find("1 unreadable datetimes") != std::string::npos);
  CHECK(r.out.find("2024-03-02") == std::string::npos);  // no rolled-over date
  const auto big = run_huntq({"run", "--time-zone-offset", "2147483647", csv, dfe});
  CHECK(big.status == 2);
  CHECK(big.err.find("--time-zone-offset takes minutes from -1440 to 1440") != std::string::npos);
}

TEST_CASE("defect 8: a first line over 64 KiB is a record, not an unknown shape") {
  TempDir dir;
  const auto de = dir.write("de.json", de_row("", "aaa",
                                              (std::string(R"("ProcessCommandLine":")") +
                                               std::string(70000, 'x') + "\"," + kThreat)
                                                  .c_str()));
  const auto dfe = dir.write("dfe.json", dfe_row("", "aaa"));
  const auto r = run_huntq({"run", "--format", "csv", de, dfe});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("Trojan:X") != std::string::npos);
}

TEST_CASE("defect 9: a FIFO is read; UTF-16 with a BOM is read") {
  TempDir dir;
  const std::string fifo = (dir.path() / "de.fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string row = de_row("", "aaa", kThreat);
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd >= 0) {
      (void)!::write(fd, row.data(), row.size());
      ::close(fd);
    }
  });
  const auto dfe = dir.write("dfe.json", dfe_row("", "aaa"));
  const auto r = run_huntq({"run", "--format", "csv", fifo, dfe});
  // Should the binary not have read the FIFO, open it here so the writer is not left waiting.
  const int unblock = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  writer.join();
  if (unblock >= 0) ::close(unblock);
  INFO(r.err);
  CHECK(r.status == 0);  // was 2: "file is empty"
  std::string u16 = "\xFF\xFE";
  for (char c : dfe_row("", "aaa")) u16 += std::string(1, c) + '\0';
  const auto de = dir.write("de.json", row);
  const auto wide = dir.write("dfe16.json", u16);
  const auto w = run_huntq({"run", "--format", "csv", de, wide});
  INFO(w.err);
  CHECK(w.status == 0);
  CHECK(w.out.find("chrome.exe") != std::string::npos);
}

TEST_CASE("defect 10: a JSON array of streaming records") {
  TempDir dir;
  const auto path =
      dir.write("records.json",
                "[{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":" +
                    de_row("", "aaa", kThreat).substr(0, de_row("", "aaa", kThreat).size() - 1) +
                    "},\n{\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":" +
                    dfe_row("", "aaa").substr(0, dfe_row("", "aaa").size() - 1) + "}]\n");
  const auto r = run_huntq({"run", "--format", "csv", path});
  INFO(r.err);
  CHECK(r.status == 0);
  const auto i = run_huntq({"inspect", path});
  CHECK(i.out.find("table    DeviceEvents: 1 rows") != std::string::npos);
  CHECK(i.out.find("table    DeviceFileEvents: 1 rows") != std::string::npos);
}

TEST_CASE("defect 12: a 64 MB record peaks near its size, from a file and from stdin") {
#if defined(__SANITIZE_ADDRESS__)
  // ASan's shadow memory and quarantine inflate the peak (about 6x here): the release build,
  // which CI also runs, measures it.
  WARN("skipped under AddressSanitizer: it inflates peak memory");
  return;
#endif
  TempDir dir;
  const std::size_t big = 64u << 20;
  const auto path = dir.write(
      "big.json", de_row("", "bbb", kThreat) + de_row("", "aaa",
                                                      (std::string(R"("ProcessCommandLine":")") +
                                                       std::string(big, 'x') + "\"," + kThreat)
                                                          .c_str()));
  const long file_kib = peak_kib({"inspect", path});
  INFO("peak KiB " << file_kib);
  CHECK(file_kib < static_cast<long>(big / 1024) * 3 / 2);  // was about 3x the record
  const long stdin_kib = [&] {
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int in = ::open(path.c_str(), O_RDONLY);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(in, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execl(HUNTQ_BINARY, HUNTQ_BINARY, "inspect", "-", nullptr);
      ::_exit(127);
    }
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    return usage.ru_maxrss;
  }();
  INFO("stdin peak KiB " << stdin_kib);
  CHECK(stdin_kib < static_cast<long>(big / 1024) * 3 / 2);
}
