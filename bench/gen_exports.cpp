// huntq-gen: deterministic generator of Defender advanced-hunting exports for benchmarks.
//
// Writes DeviceEvents and DeviceFileEvents with the full documented column sets
// (research/formats.md §1.2, §1.3) in one of the export shapes, with realistic value
// distributions and, at low rates, the traps the spec lists. Same arguments, same bytes.
//
// The logical rows depend only on --seed and the row budget, never on --shape: the row
// generator draws every random number before any rendering, so shapes differ in encoding only.

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------------
// Random numbers

struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t next() {  // splitmix64
    uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((__uint128_t)next() * n >> 64); }
  int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(hi - lo + 1)); }
  // p in [0,1]; compares 53 random bits so it is exact enough for rates of 1e-6.
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <class T, size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }
};

uint64_t mix(uint64_t a, uint64_t b) {
  Rng r(a * 0x2545F4914F6CDD1DULL ^ b);
  r.next();
  return r.next();
}

// Picks an index from cumulative integer weights.
struct Weighted {
  std::vector<uint32_t> cum;
  explicit Weighted(std::initializer_list<uint32_t> w) {
    uint32_t t = 0;
    for (uint32_t x : w) cum.push_back(t += x);
  }
  size_t draw(Rng& r) const {
    uint64_t x = r.below(cum.back());
    return std::upper_bound(cum.begin(), cum.end(), x) - cum.begin();
  }
};

// ---------------------------------------------------------------------------------------------
// Output sink: one big reused buffer, flushed with fwrite or through ISA-L gzip.

class Sink {
 public:
  Sink(const std::string& path, bool gzip) : gzip_(gzip) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) {
      std::fprintf(stderr, "huntq-gen: cannot open %s: %s\n", path.c_str(), std::strerror(errno));
      std::exit(2);
    }
    buf_.reset(new char[kCap]);
    if (gzip_) {
      isal_deflate_init(&z_);
      z_.gzip_flag = IGZIP_GZIP;
      z_.level = 1;
      lvl_.reset(new uint8_t[ISAL_DEF_LVL1_DEFAULT]);
      z_.level_buf = lvl_.get();
      z_.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
      zout_.reset(new uint8_t[kCap]);
    }
  }
  ~Sink() { close(); }

  // Callers reserve room for one record before writing it unchecked.
  char* reserve(size_t n) {
    if (n_ + n > kCap) flush(false);
    return buf_.get() + n_;
  }
  void commit(char* end) {
    size_t k = end - (buf_.get() + n_);
    n_ += k;
    total_ += k;
  }
  void put(std::string_view s) {
    char* p = reserve(s.size());
    std::memcpy(p, s.data(), s.size());
    commit(p + s.size());
  }
  uint64_t total() const { return total_; }

  void close() {
    if (!f_) return;
    flush(true);
    if (std::fclose(f_) != 0) die();
    f_ = nullptr;
  }

 private:
  static constexpr size_t kCap = 16u << 20;
  static constexpr size_t kSlack = 1u << 20;  // a record never exceeds this

  void die() {
    std::fprintf(stderr, "huntq-gen: write failed: %s\n", std::strerror(errno));
    std::exit(2);
  }
  void flush(bool last) {
    if (!gzip_) {
      if (n_ && std::fwrite(buf_.get(), 1, n_, f_) != n_) die();
      n_ = 0;
      return;
    }
    z_.next_in = reinterpret_cast<uint8_t*>(buf_.get());
    z_.avail_in = static_cast<uint32_t>(n_);
    z_.end_of_stream = last ? 1 : 0;
    z_.flush = NO_FLUSH;
    do {
      z_.next_out = zout_.get();
      z_.avail_out = kCap;
      if (isal_deflate(&z_) != COMP_OK) die();
      size_t k = kCap - z_.avail_out;
      if (k && std::fwrite(zout_.get(), 1, k, f_) != k) die();
    } while (z_.avail_in > 0 || (last && z_.internal_state.state != ZSTATE_END));
    n_ = 0;
  }

  std::FILE* f_ = nullptr;
  bool gzip_;
  std::unique_ptr<char[]> buf_;
  size_t n_ = 0;
  uint64_t total_ = 0;
  isal_zstream z_{};
  std::unique_ptr<uint8_t[]> lvl_, zout_;

 public:
  static constexpr size_t kRecordMax = kSlack;
};

// ---------------------------------------------------------------------------------------------
// Columns and cells

enum class Type : uint8_t { Str, Long, Int, Time, Bool, Dyn };

struct Column {
  const char* name;
  Type type;
};

// formats.md §1.2, documented order.
constexpr Column kDeColumns[] = {
    {"Timestamp", Type::Time},
    {"DeviceId", Type::Str},
    {"DeviceName", Type::Str},
    {"ActionType", Type::Str},
    {"FileName", Type::Str},
    {"FolderPath", Type::Str},
    {"SHA1", Type::Str},
    {"SHA256", Type::Str},
    {"MD5", Type::Str},
    {"FileSize", Type::Long},
    {"AccountDomain", Type::Str},
    {"AccountName", Type::Str},
    {"AccountSid", Type::Str},
    {"RemoteUrl", Type::Str},
    {"RemoteDeviceName", Type::Str},
    {"ProcessId", Type::Long},
    {"ProcessCommandLine", Type::Str},
    {"ProcessCreationTime", Type::Time},
    {"ProcessTokenElevation", Type::Str},
    {"LogonId", Type::Long},
    {"RegistryKey", Type::Str},
    {"RegistryValueName", Type::Str},
    {"RegistryValueData", Type::Str},
    {"RemoteIP", Type::Str},
    {"RemotePort", Type::Int},
    {"LocalIP", Type::Str},
    {"LocalPort", Type::Int},
    {"FileOriginUrl", Type::Str},
    {"FileOriginIP", Type::Str},
    {"InitiatingProcessSHA1", Type::Str},
    {"InitiatingProcessSHA256", Type::Str},
    {"InitiatingProcessMD5", Type::Str},
    {"InitiatingProcessFileName", Type::Str},
    {"InitiatingProcessFileSize", Type::Long},
    {"InitiatingProcessFolderPath", Type::Str},
    {"InitiatingProcessId", Type::Long},
    {"InitiatingProcessCommandLine", Type::Str},
    {"InitiatingProcessCreationTime", Type::Time},
    {"InitiatingProcessAccountDomain", Type::Str},
    {"InitiatingProcessAccountName", Type::Str},
    {"InitiatingProcessAccountSid", Type::Str},
    {"InitiatingProcessAccountUpn", Type::Str},
    {"InitiatingProcessAccountObjectId", Type::Str},
    {"InitiatingProcessVersionInfoCompanyName", Type::Str},
    {"InitiatingProcessVersionInfoProductName", Type::Str},
    {"InitiatingProcessVersionInfoProductVersion", Type::Str},
    {"InitiatingProcessVersionInfoInternalFileName", Type::Str},
    {"InitiatingProcessVersionInfoOriginalFileName", Type::Str},
    {"InitiatingProcessVersionInfoFileDescription", Type::Str},
    {"InitiatingProcessParentId", Type::Long},
    {"InitiatingProcessParentFileName", Type::Str},
    {"InitiatingProcessParentCreationTime", Type::Time},
    {"InitiatingProcessLogonId", Type::Long},
    {"ReportId", Type::Long},
    {"AppGuardContainerId", Type::Str},
    {"AdditionalFields", Type::Dyn},
    {"InitiatingProcessSessionId", Type::Long},
    {"IsInitiatingProcessRemoteSession", Type::Bool},
    {"InitiatingProcessRemoteSessionDeviceName", Type::Str},
    {"InitiatingProcessRemoteSessionIP", Type::Str},
    {"CreatedProcessSessionId", Type::Long},
    {"IsProcessRemoteSession", Type::Bool},
    {"ProcessRemoteSessionDeviceName", Type::Str},
    {"ProcessRemoteSessionIP", Type::Str},
};

// formats.md §1.3, documented order.
constexpr Column kDfeColumns[] = {
    {"Timestamp", Type::Time},
    {"DeviceId", Type::Str},
    {"DeviceName", Type::Str},
    {"ActionType", Type::Str},
    {"FileName", Type::Str},
    {"FolderPath", Type::Str},
    {"SHA1", Type::Str},
    {"SHA256", Type::Str},
    {"MD5", Type::Str},
    {"FileOriginUrl", Type::Str},
    {"FileOriginReferrerUrl", Type::Str},
    {"FileOriginIP", Type::Str},
    {"PreviousFolderPath", Type::Str},
    {"PreviousFileName", Type::Str},
    {"FileSize", Type::Long},
    {"InitiatingProcessAccountDomain", Type::Str},
    {"InitiatingProcessAccountName", Type::Str},
    {"InitiatingProcessAccountSid", Type::Str},
    {"InitiatingProcessAccountUpn", Type::Str},
    {"InitiatingProcessAccountObjectId", Type::Str},
    {"InitiatingProcessMD5", Type::Str},
    {"InitiatingProcessSHA1", Type::Str},
    {"InitiatingProcessSHA256", Type::Str},
    {"InitiatingProcessFolderPath", Type::Str},
    {"InitiatingProcessFileName", Type::Str},
    {"InitiatingProcessFileSize", Type::Long},
    {"InitiatingProcessVersionInfoCompanyName", Type::Str},
    {"InitiatingProcessVersionInfoProductName", Type::Str},
    {"InitiatingProcessVersionInfoProductVersion", Type::Str},
    {"InitiatingProcessVersionInfoInternalFileName", Type::Str},
    {"InitiatingProcessVersionInfoOriginalFileName", Type::Str},
    {"InitiatingProcessVersionInfoFileDescription", Type::Str},
    {"InitiatingProcessId", Type::Long},
    {"InitiatingProcessCommandLine", Type::Str},
    {"InitiatingProcessCreationTime", Type::Time},
    {"InitiatingProcessIntegrityLevel", Type::Str},
    {"InitiatingProcessTokenElevation", Type::Str},
    {"InitiatingProcessParentId", Type::Long},
    {"InitiatingProcessParentFileName", Type::Str},
    {"InitiatingProcessParentCreationTime", Type::Time},
    {"RequestProtocol", Type::Str},
    {"RequestSourceIP", Type::Str},
    {"RequestSourcePort", Type::Int},
    {"RequestAccountName", Type::Str},
    {"RequestAccountDomain", Type::Str},
    {"RequestAccountSid", Type::Str},
    {"ShareName", Type::Str},
    {"SensitivityLabel", Type::Str},
    {"SensitivitySubLabel", Type::Str},
    {"IsAzureInfoProtectionApplied", Type::Bool},
    {"ReportId", Type::Long},
    {"AppGuardContainerId", Type::Str},
    {"AdditionalFields", Type::Dyn},
    {"InitiatingProcessSessionId", Type::Long},
    {"IsInitiatingProcessRemoteSession", Type::Bool},
    {"InitiatingProcessRemoteSessionDeviceName", Type::Str},
    {"InitiatingProcessRemoteSessionIP", Type::Str},
};

constexpr size_t kDeN = std::size(kDeColumns);
constexpr size_t kDfeN = std::size(kDfeColumns);
constexpr size_t kMaxCols = kDeN > kDfeN ? kDeN : kDfeN;

// Column index by name at compile time, so the row builders read like the schema.
template <size_t N>
constexpr size_t col(const Column (&cols)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (std::string_view(cols[i].name) == name) return i;
  throw "unknown column";  // in a constant expression: a typo fails to compile
}
#define DE(name) (std::integral_constant<size_t, col(kDeColumns, name)>::value)
#define DFE(name) (std::integral_constant<size_t, col(kDfeColumns, name)>::value)
// A column both tables have, in the table being written (needs a bool `dfe` in scope).
#define BOTH(name) (dfe ? DFE(name) : DE(name))

// How a missing value shows in object shapes: "" (API/OTRF style), null (streaming style), or an
// absent key. Chosen per row so most rows look like one exporter.
enum class NullStyle : uint8_t { Empty, Null, Omit };

enum class Kind : uint8_t { None, Str, Int, Bool, Time, Obj };

// Time rendering variants (the Timestamp traps).
enum TimeFmt : uint8_t { kFrac7 = 7, kPlus2h = 20, kMinus5h = 21 };  // 0..7 = fraction digits

struct Cell {
  Kind kind = Kind::None;
  uint8_t tfmt = kFrac7;  // Time: fraction digits 0..7, or an offset variant
  bool esc = false;       // Str: write the first letter and all non-ASCII as \uXXXX in JSON
  uint32_t n = 0;
  const char* p = nullptr;
  int64_t i = 0;  // Int value, Bool 0/1, Time ticks (100 ns since 1970)
};

struct Row {
  std::array<Cell, kMaxCols> c;
  NullStyle style = NullStyle::Empty;
  int64_t ts = 0;  // Timestamp ticks, for envelopes
  // Arena for strings built per row; fixed so string_views into it stay valid.
  char arena[24576];
  size_t used = 0;

  void clear(size_t ncols) {
    for (size_t k = 0; k < ncols; ++k) c[k] = Cell{};
    used = 0;
  }
  void str(size_t k, std::string_view s, bool esc = false) {
    c[k].kind = Kind::Str;
    c[k].p = s.data();
    c[k].n = static_cast<uint32_t>(s.size());
    c[k].esc = esc;
  }
  void num(size_t k, int64_t v) {
    c[k].kind = Kind::Int;
    c[k].i = v;
  }
  void boolean(size_t k, bool v) {
    c[k].kind = Kind::Bool;
    c[k].i = v;
  }
  void time(size_t k, int64_t ticks, uint8_t fmt = kFrac7) {
    c[k].kind = Kind::Time;
    c[k].i = ticks;
    c[k].tfmt = fmt;
  }
  void obj(size_t k, std::string_view json) {
    c[k].kind = Kind::Obj;
    c[k].p = json.data();
    c[k].n = static_cast<uint32_t>(json.size());
  }
  // Builds a string in the arena from pieces.
  char* begin() { return arena + used; }
  std::string_view end(char* p) {
    std::string_view s(arena + used, p - (arena + used));
    used = p - arena;
    return s;
  }
};

char* put(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}
char* put_u(char* p, uint64_t v) {
  char tmp[24];
  int n = 0;
  do tmp[n++] = static_cast<char>('0' + v % 10);
  while (v /= 10);
  while (n) *p++ = tmp[--n];
  return p;
}
char* put_i(char* p, int64_t v) {
  if (v < 0) {
    *p++ = '-';
    return put_u(p, static_cast<uint64_t>(-v));
  }
  return put_u(p, static_cast<uint64_t>(v));
}
char* put_2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

constexpr char kHex[] = "0123456789abcdef";
// nchars hex digits from a, b and (past 32 digits) words derived from them.
char* put_hex(char* p, uint64_t a, uint64_t b, size_t nchars) {
  for (size_t k = 0; k < nchars; k += 16) {
    uint64_t w = k == 0 ? a : k == 16 ? b : mix(a ^ b, k);
    for (size_t i = 0; i < 16 && k + i < nchars; ++i, w >>= 4) *p++ = kHex[w & 15];
  }
  return p;
}

// Howard Hinnant's civil_from_days.
void civil(int64_t days, int& y, unsigned& m, unsigned& d) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(days - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe + era * 400);
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

constexpr int64_t kTicksPerSec = 10'000'000;

// Renders ticks as ISO 8601; offset variants print local time with the offset (same instant).
char* put_time(char* p, int64_t ticks, uint8_t fmt) {
  int offset_min = fmt == kPlus2h ? 120 : fmt == kMinus5h ? -300 : 0;
  int digits = fmt <= 7 ? fmt : 7;
  int64_t local = ticks + offset_min * 60 * kTicksPerSec;
  int64_t secs = local / kTicksPerSec, frac = local % kTicksPerSec;
  int64_t days = secs / 86400, sod = secs % 86400;
  int y;
  unsigned m, d;
  civil(days, y, m, d);
  p = put_u(p, static_cast<uint64_t>(y));
  *p++ = '-';
  p = put_2(p, m);
  *p++ = '-';
  p = put_2(p, d);
  *p++ = 'T';
  p = put_2(p, static_cast<unsigned>(sod / 3600));
  *p++ = ':';
  p = put_2(p, static_cast<unsigned>(sod / 60 % 60));
  *p++ = ':';
  p = put_2(p, static_cast<unsigned>(sod % 60));
  if (digits > 0) {
    *p++ = '.';
    int64_t div = 1'000'000;
    for (int k = 0; k < digits; ++k, div /= 10) *p++ = static_cast<char>('0' + frac / div % 10);
  }
  if (offset_min == 0) {
    *p++ = 'Z';
  } else {
    int a = offset_min < 0 ? -offset_min : offset_min;
    *p++ = offset_min < 0 ? '-' : '+';
    p = put_2(p, static_cast<unsigned>(a / 60));
    *p++ = ':';
    p = put_2(p, static_cast<unsigned>(a % 60));
  }
  return p;
}

// Drops the digits a shorter rendering would not show, so text and instant agree.
int64_t truncate_ticks(int64_t t, uint8_t fmt) {
  if (fmt >= 7) return t;
  int64_t q = 1;
  for (int k = fmt; k < 7; ++k) q *= 10;
  return t - t % q;
}

// ---------------------------------------------------------------------------------------------
// JSON and CSV encoding of one cell

struct EscTable {
  std::array<bool, 256> t{};
  constexpr EscTable() {
    for (int k = 0; k < 0x20; ++k) t[k] = true;
    t['"'] = t['\\'] = true;
  }
};
constexpr EscTable kEsc;

char* put_u4(char* p, unsigned cp) {
  p = put(p, "\\u");
  for (int s = 12; s >= 0; s -= 4) *p++ = "0123456789ABCDEF"[(cp >> s) & 15];
  return p;
}

char* put_json_str(char* p, const char* s, size_t n, bool esc) {
  *p++ = '"';
  bool letter_done = !esc;
  for (size_t k = 0; k < n; ++k) {
    unsigned char ch = static_cast<unsigned char>(s[k]);
    if (!kEsc.t[ch] && !esc) {
      *p++ = static_cast<char>(ch);
      continue;
    }
    if (kEsc.t[ch]) {
      *p++ = '\\';
      switch (ch) {
        case '"':
          *p++ = '"';
          break;
        case '\\':
          *p++ = '\\';
          break;
        case '\n':
          *p++ = 'n';
          break;
        case '\r':
          *p++ = 'r';
          break;
        case '\t':
          *p++ = 't';
          break;
        default:
          p = put_u4(p - 1, ch);
      }
    } else if (ch >= 0x80) {  // decode UTF-8 and write \uXXXX (surrogate pairs above the BMP)
      unsigned cp;
      size_t len = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
      cp = ch & (0x3F >> (len - 1));
      for (size_t j = 1; j < len && k + j < n; ++j) cp = (cp << 6) | (s[k + j] & 0x3F);
      k += len - 1;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        p = put_u4(p, 0xD800 + (cp >> 10));
        p = put_u4(p, 0xDC00 + (cp & 0x3FF));
      } else {
        p = put_u4(p, cp);
      }
    } else if (!letter_done && ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')) {
      p = put_u4(p, ch);
      letter_done = true;
    } else {
      *p++ = static_cast<char>(ch);
    }
  }
  *p++ = '"';
  return p;
}

// JSON value of a cell; returns nullptr when the key must be omitted.
char* put_json_value(char* p, const Cell& c, Type t, NullStyle style) {
  switch (c.kind) {
    case Kind::None:
      if (style == NullStyle::Omit) return nullptr;
      if (style == NullStyle::Empty && (t == Type::Str || t == Type::Dyn)) return put(p, "\"\"");
      return put(p, "null");
    case Kind::Str:
      return put_json_str(p, c.p, c.n, c.esc);
    case Kind::Int:
      return put_i(p, c.i);
    case Kind::Bool:
      return put(p, c.i ? "true" : "false");
    case Kind::Obj:
      return put(p, std::string_view(c.p, c.n));
    case Kind::Time:
      *p++ = '"';
      p = put_time(p, c.i, c.tfmt);
      *p++ = '"';
      return p;
  }
  return p;
}

char* put_csv_value(char* p, const Cell& c) {
  switch (c.kind) {
    case Kind::None:
      return p;
    case Kind::Int:
      return put_i(p, c.i);
    case Kind::Bool:
      return put(p, c.i ? "true" : "false");
    case Kind::Time:
      return put_time(p, c.i, c.tfmt);
    case Kind::Str:
    case Kind::Obj: {
      bool quote = false;
      for (uint32_t k = 0; k < c.n && !quote; ++k) {
        char ch = c.p[k];
        quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
      }
      if (!quote) return put(p, std::string_view(c.p, c.n));
      *p++ = '"';
      for (uint32_t k = 0; k < c.n; ++k) {
        if (c.p[k] == '"') *p++ = '"';
        *p++ = c.p[k];
      }
      *p++ = '"';
      return p;
    }
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Catalogs: devices, users, processes, threats, URLs

struct Device {
  std::string name, id, ip;
  bool esc;  // a few device names are written with a \u escape
};
struct User {
  std::string name, domain, sid, upn, oid;
};
struct Proc {
  std::string name, folder, company, product, version, desc, cmd, md5, sha1, sha256;
  int64_t size;
};
struct Detected {
  std::string md5, sha1, sha256, file, threat;
  uint8_t fanout;
};

struct Catalog {
  std::vector<Device> devices;
  std::vector<User> users;
  std::vector<Proc> procs;
  std::vector<Detected> detected;
  std::string tenant = "4b8c18bd-2f9f-4227-af55-9f1061cf9c32";
};

std::string hex(uint64_t seed, uint64_t id, size_t n) {
  std::string s(n, '0');
  put_hex(s.data(), mix(seed, id), mix(seed + 1, id), n);
  return s;
}

std::string guid(Rng& r, bool upper = false) {
  std::string h = hex(r.next(), r.next(), 32);
  if (upper)
    for (char& ch : h) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

constexpr std::array<const char*, 20> kThreats = {
    "Trojan:Win32/Wacatac.B!ml",
    "Trojan:Win32/Meterpreter.RPZ!MTB",
    "Virus:DOS/EICAR_Test_File",
    "PUA:Win32/Presenoker",
    "Trojan:JS/Nemucod.A",
    "TrojanDownloader:O97M/Emotet.SS!MTB",
    "Backdoor:Win32/Cobaltstrike.B",
    "HackTool:Win64/Mimikatz.A",
    "Ransom:Win32/LockBit.ZA",
    "Trojan:Win32/AgentTesla!ml",
    "Trojan:Script/Phonzy.A!ml",
    "Behavior:Win32/Sabsik.FL.A!ml",
    "Trojan:HTML/Phish.AA!MTB",
    "Exploit:O97M/CVE-2017-11882.RV!MTB",
    "PUA:Win32/uTorrent",
    "Trojan:Win32/Qakbot.PA!MTB",
    "TrojanDownloader:PowerShell/Ploty.A",
    "Trojan:Win32/Kryptik.ZZ!rfn",
    "Trojan:MSIL/AsyncRAT.D!MTB",
    "Trojan:Win32/Lokibot.RV!MTB",
};
constexpr std::array<const char*, 10> kBadFiles = {
    "invoice_%u.exe",   "setup_%u.msi", "scan_%u.pdf.exe", "Rechnung_%u.zip", "payload_%u.dll",
    "document_%u.docm", "photo_%u.scr", "résumé_%u.js",    "update_%u.ps1",   "AnyDesk_%u.exe",
};

constexpr const char* kRoles[] = {"sql", "web", "dc", "file", "app"};
constexpr const char* kOddNames[] = {"pc-jürgen", "büro-07", "東京-pc"};  // non-ASCII names

Catalog build_catalog(uint64_t seed, size_t n_detected) {
  Catalog c;
  Rng r(seed ^ 0xCA7A10C);
  // ~200 devices: workstations, laptops, servers; a few with non-ASCII or escaped names.
  for (unsigned k = 0; k < 200; ++k) {
    char name[96];
    if (k < 150)
      std::snprintf(name, sizeof name, "wks-%04u.corp.contoso.com", 17 + k * 7);
    else if (k < 185)
      std::snprintf(name, sizeof name, "srv-%s-%02u.corp.contoso.com", kRoles[k % 5], k - 150);
    else if (k < 197)
      std::snprintf(name, sizeof name, "laptop-%u", k);
    else
      std::snprintf(name, sizeof name, "%s", kOddNames[k - 197]);
    char ip[32];
    std::snprintf(ip, sizeof ip, "10.%u.%u.%u", 1 + k / 100, k % 100, 10 + k % 200);
    c.devices.push_back({name, hex(seed ^ 0xDE7, k, 40), ip, k % 50 == 7});
  }
  const char* first[] = {"alice", "bob",    "carol",   "dave", "erin",   "frank", "grace",  "heidi",
                         "ivan",  "judy",   "mallory", "niaj", "olivia", "peggy", "rupert", "sybil",
                         "trent", "victor", "walter",  "zoë",  "jürgen", "søren"};
  for (unsigned k = 0; k < 300; ++k) {
    std::string n = std::string(first[k % std::size(first)]) + "." + std::to_string(k);
    char sid[96];
    std::snprintf(sid, sizeof sid, "S-1-5-21-1004336348-1177238915-682003330-%u", 1100 + k);
    c.users.push_back({n, "contoso", sid, n + "@contoso.com", guid(r)});
  }
  c.users.push_back({"system", "nt authority", "S-1-5-18", "", ""});
  c.users.push_back({"network service", "nt authority", "S-1-5-20", "", ""});

  struct P {
    const char *name, *folder, *company, *product, *version, *desc, *cmd;
  };
  const P procs[] = {
      {"chrome.exe", "c:\\program files\\google\\chrome\\application\\", "Google LLC",
       "Google Chrome", "124.0.6367.91", "Google Chrome",
       "\"chrome.exe\" --type=utility --utility-sub-type=network.mojom.NetworkService "
       "--lang=en-US --service-sandbox-type=none --mojo-platform-channel-handle=2084 "
       "--field-trial-handle=1968,i,7392617113356001923,4488921187263370120,262144 /prefetch:11"},
      {"msedge.exe", "c:\\program files (x86)\\microsoft\\edge\\application\\",
       "Microsoft Corporation", "Microsoft Edge", "124.0.2478.67", "Microsoft Edge",
       "\"msedge.exe\" --type=renderer --disable-gpu-compositing --lang=en-US "
       "--js-flags=--ms-user-locale= --device-scale-factor=1 --num-raster-threads=2 "
       "--renderer-client-id=12 --time-ticks-at-unix-epoch=-1713870016457062 /prefetch:1"},
      {"firefox.exe", "c:\\program files\\mozilla firefox\\", "Mozilla Corporation", "Firefox",
       "125.0.2", "Firefox",
       "\"C:\\Program Files\\Mozilla Firefox\\firefox.exe\" -contentproc --channel=2064 "
       "-childID 5 -isForBrowser -prefsHandle 3412 -prefMapHandle 3408 -prefsLen 31190 "
       "-prefMapSize 244343 -parentBuildID 20240419112000 -appDir \"C:\\Program Files\\Mozilla "
       "Firefox\\browser\" - 6152 tab"},
      {"OUTLOOK.EXE", "c:\\program files\\microsoft office\\root\\office16\\",
       "Microsoft Corporation", "Microsoft Outlook", "16.0.17531.20152", "Microsoft Outlook",
       "\"C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE\" /recycle"},
      {"explorer.exe", "c:\\windows\\", "Microsoft Corporation",
       "Microsoft® Windows® Operating System", "10.0.22621.3527", "Windows Explorer",
       "C:\\WINDOWS\\Explorer.EXE"},
      {"svchost.exe", "c:\\windows\\system32\\", "Microsoft Corporation",
       "Microsoft® Windows® Operating System", "10.0.22621.1", "Host Process for Windows Services",
       "svchost.exe -k netsvcs -p -s Schedule"},
      {"powershell.exe", "c:\\windows\\system32\\windowspowershell\\v1.0\\",
       "Microsoft Corporation", "Microsoft® Windows® Operating System", "10.0.22621.2506",
       "Windows PowerShell",
       "powershell.exe -NoProfile -ExecutionPolicy Bypass -File "
       "\"C:\\ProgramData\\Contoso\\Scripts\\Invoke-Inventory.ps1\" -Verbose"},
      {"cmd.exe", "c:\\windows\\system32\\", "Microsoft Corporation",
       "Microsoft® Windows® Operating System", "10.0.22621.2506", "Windows Command Processor",
       "\"cmd.exe\" /c \"C:\\ProgramData\\Contoso\\logon.cmd\""},
      {"MsMpEng.exe", "c:\\programdata\\microsoft\\windows defender\\platform\\4.18.24030.9-0\\",
       "Microsoft Corporation", "Microsoft® Windows® Operating System", "4.18.24030.9",
       "Antimalware Service Executable", "\"MsMpEng.exe\""},
      {"services.exe", "c:\\windows\\system32\\", "Microsoft Corporation",
       "Microsoft® Windows® Operating System", "10.0.22621.3235", "Services and Controller app",
       "C:\\WINDOWS\\system32\\services.exe"},
      {"WmiPrvSE.exe", "c:\\windows\\system32\\wbem\\", "Microsoft Corporation",
       "Microsoft® Windows® Operating System", "10.0.22621.1", "WMI Provider Host",
       "C:\\WINDOWS\\system32\\wbem\\wmiprvse.exe -secured -Embedding"},
      {"ms-teams.exe",
       "c:\\program files\\windowsapps\\msteams_24102.2223.2870.9480_x64__8wekyb3d8bbwe\\",
       "Microsoft Corporation", "Microsoft Teams", "24102.2223.2870.9480", "Microsoft Teams",
       "\"ms-teams.exe\" msteams:system-initiated"},
      {"WINWORD.EXE", "c:\\program files\\microsoft office\\root\\office16\\",
       "Microsoft Corporation", "Microsoft Word", "16.0.17531.20152", "Microsoft Word",
       "\"C:\\Program Files\\Microsoft Office\\Root\\Office16\\WINWORD.EXE\" /n "
       "\"C:\\Users\\alice\\Downloads\\Q3 report, final.docx\" /o \"\""},
      {"7zFM.exe", "c:\\program files\\7-zip\\", "Igor Pavlov", "7-Zip", "23.01",
       "7-Zip File Manager",
       "\"C:\\Program Files\\7-Zip\\7zFM.exe\" \"C:\\Users\\bob\\Downloads\\archive.7z\""},
      {"OneDrive.exe", "c:\\program files\\microsoft onedrive\\", "Microsoft Corporation",
       "Microsoft OneDrive", "24.076.0414.0005", "Microsoft OneDrive",
       "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background"},
      {"msiexec.exe", "c:\\windows\\system32\\", "Microsoft Corporation",
       "Windows Installer - Unicode", "5.0.22621.3235", "Windows® installer",
       "C:\\WINDOWS\\system32\\msiexec.exe /V"},
      {"curl.exe", "c:\\windows\\system32\\", "curl, https://curl.se/", "The curl executable",
       "8.4.0", "The curl executable",
       "curl.exe -sSLo C:\\Users\\Public\\a.bin https://example.net/a"},
      {"clamscan.exe", "c:\\program files\\clamav\\", "Cisco Systems, Inc.", "ClamAV", "1.3.1",
       "ClamAV Scanner", "\"C:\\Program Files\\ClamAV\\clamscan.exe\" -r --infected C:\\Users"},
      {"splunkd.exe", "c:\\program files\\splunkuniversalforwarder\\bin\\", "Splunk Inc.",
       "Splunk Universal Forwarder", "9.2.1", "Splunk daemon",
       "\"C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunkd.exe\" service"},
      {"SenseIR.exe", "c:\\program files\\windows defender advanced threat protection\\",
       "Microsoft Corporation", "Microsoft® Windows® Operating System", "10.8760.22621.3296",
       "Windows Defender Advanced Threat Protection Automated Investigation",
       "\"SenseIR.exe\" \"OfflineSenseIR\" \"3876\""},
  };
  unsigned k = 0;
  for (const P& p : procs) {
    c.procs.push_back({p.name, std::string(p.folder) + p.name, p.company, p.product, p.version,
                       p.desc, p.cmd, hex(seed ^ 0x9C, k, 32), hex(seed ^ 0x9C1, k, 40),
                       hex(seed ^ 0x9C2, k, 64), 100'000 + 37'013 * k});
    ++k;
  }

  // Detected files: the fan-out (how many DeviceFileEvents rows carry the MD5) is 0–4.
  Weighted fan({20, 30, 25, 15, 10});
  for (size_t j = 0; j < n_detected; ++j) {
    char file[96];
    std::snprintf(file, sizeof file, r.pick(kBadFiles),
                  static_cast<unsigned>(1000 + r.below(9000)));
    c.detected.push_back({hex(seed ^ 0xBAD, j, 32), hex(seed ^ 0xBAD1, j, 40),
                          hex(seed ^ 0xBAD2, j, 64), file, r.pick(kThreats),
                          static_cast<uint8_t>(fan.draw(r))});
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Row generation

constexpr int64_t kWindowStart = 1'709'251'200LL * kTicksPerSec;  // 2024-03-01T00:00:00Z
constexpr int64_t kWindow = 30LL * 86400 * kTicksPerSec;

// DeviceEvents ActionTypes with rough real-world frequencies (per 100000 rows).
constexpr std::array<const char*, 26> kDeActions = {
    "NamedPipeEvent",
    "PowerShellCommand",
    "OpenProcessApiCall",
    "CreateRemoteThreadApiCall",
    "DnsQueryResponse",
    "LdapSearch",
    "ReadProcessMemoryApiCall",
    "ShellLinkCreateFileEvent",
    "ProcessCreatedUsingWmiQuery",
    "ScheduledTaskCreated",
    "DpapiAccessed",
    "GetClipboardData",
    "BrowserLaunchedToOpenUrl",
    "AntivirusScanCompleted",
    "AntivirusReport",
    "UsbDriveMounted",
    "PnpDeviceConnected",
    "FirewallOutboundConnectionBlocked",
    "SmartScreenUrlWarning",
    "ExploitGuardNetworkProtectionBlocked",
    "AsrLsassCredentialTheftAudited",
    "ScriptContent",
    "AmsiScriptDetection",
    "GetAsyncKeyStateApiCall",
    "AntivirusDetection",
    "antivirusdetection",
};
const Weighted kDeActionW({24000, 14000, 11000, 6000, 9000, 5000, 4000, 5000, 3000,
                           2500,  2500,  2000,  2000, 1500, 1000, 400,  600,  1500,
                           500,   300,   300,   2000, 200,  945,  500,  5});
constexpr size_t kActDetect = 24, kActDetectLower = 25;

constexpr std::array<const char*, 4> kDfeActions = {"FileCreated", "FileModified", "FileRenamed",
                                                    "FileDeleted"};
const Weighted kDfeActionW({55, 30, 10, 5});

constexpr std::array<const char*, 14> kBenignNames = {
    "report.docx",   "budget.xlsx", "notes.txt",   "image.png",   "setup.exe",
    "data.csv",      "archive.zip", "slides.pptx", "install.msi", "cache.tmp",
    "Übersicht.pdf", "log.etl",     "thumbs.db",   "meeting.ics",
};
constexpr std::array<const char*, 8> kBenignDirs = {
    "Documents",
    "Downloads",
    "Desktop",
    "AppData\\Local\\Temp",
    "AppData\\Roaming\\Microsoft",
    "OneDrive - Contoso\\Projects",
    "Pictures",
    "AppData\\Local\\Microsoft\\Edge\\User Data",
};
constexpr std::array<const char*, 10> kBadHosts = {
    "http://cdn-files-21.xyz/dl/",
    "https://drive-share.top/s/8fJ2kQ/",
    "https://github.com/hx0r/tools/releases/download/v1.2/",
    "http://185.220.101.47/",
    "https://mail-attachments.contoso-secure.co/owa/",
    "https://discord.gg/attachments/9912/",
    "https://transfer.sh/get/Qm7/",
    "https://例え.テスト/ダウンロード/",
    "https://pastebin.com/raw/",
    "https://free-pdf-editor.online/download/",
};
constexpr std::array<const char*, 8> kReferrers = {
    "https://www.google.com/",      "https://outlook.office.com/mail/inbox",
    "https://t.co/x8Qm2",           "https://www.bing.com/search?q=free+pdf+editor&form=QBLH",
    "https://teams.microsoft.com/", "https://drive-share.top/s/8fJ2kQ",
    "https://www.facebook.com/",    "https://duckduckgo.com/",
};
// Hosts the hunt's documented exclusions would remove (hunts/README.md).
constexpr std::array<const char*, 8> kExcludedHosts = {
    "https://download.microsoft.com/download/7/9/a/",
    "http://update.microsoft.com/windowsupdate/v6/",
    "https://www.maltego.com/downloads/",
    "https://ossec.net/files/",
    "https://artifactory.example.com/artifactory/libs-release/",
    "https://nexus.internal.example.com/repository/raw/",
    "https://download.splunk.com/products/",
    "https://elasticsearch.example.com/_plugins/",
};
constexpr std::array<const char*, 8> kBenignHosts = {
    "https://download.microsoft.com/download/2/7/A/",
    "https://dl.google.com/release2/",
    "https://github.com/microsoft/terminal/releases/download/v1.19/",
    "https://zoom.us/client/latest/",
    "https://contoso.sharepoint.com/sites/finance/Shared%20Documents/",
    "https://www.7-zip.org/a/",
    "https://objects.githubusercontent.com/github-production-release-asset/",
    "https://update.microsoft.com/v11/",
};

struct Stats {
  uint64_t rows = 0, detections = 0, valid_detections = 0, dfe_detected = 0, dfe_with_origin = 0;
};

class Generator {
 public:
  Generator(uint64_t seed, const Catalog& cat, uint64_t est_dfe_rows)
      : cat_(cat),
        de_(seed ^ 0xDE),
        dfe_(seed ^ 0xDFE),
        valid_det_(cat.detected.size()),
        valid_dfe_(cat.detected.size()) {
    // Fan-out list: each detected MD5 repeated fanout times, shuffled; DFE rows consume it.
    Rng r(seed ^ 0xFA);
    for (size_t j = 0; j < cat.detected.size(); ++j)
      for (int k = 0; k < cat.detected[j].fanout; ++k) fan_.push_back(static_cast<uint32_t>(j));
    for (size_t k = fan_.size(); k > 1; --k) std::swap(fan_[k - 1], fan_[r.below(k)]);
    p_fan_ = est_dfe_rows ? std::min(1.0, 1.05 * fan_.size() / est_dfe_rows) : 0;
  }

  Stats de_stats, dfe_stats;

  // The initiating-process block of a row (HuntSetRows fills its rows' with it too).
  void initiating_process(Row& row, Rng& r, const Proc& ip, const Proc& parent, const User& usr,
                          int64_t ts, bool dfe) {
    initiating(row, r, ip, parent, usr, ts, dfe);
  }

  // Expected row count of the hunt over everything generated so far.
  uint64_t expected_hunt_rows() const {
    uint64_t n = 0;
    for (size_t j = 0; j < valid_det_.size(); ++j) n += uint64_t(valid_det_[j]) * valid_dfe_[j];
    return n;
  }

  void device_event(Row& row) {
    Rng& r = de_;
    row.clear(kDeN);
    row.style = style(r);
    const Device& dev = cat_.devices[zipf_device(r)];
    const User& usr = cat_.users[r.below(300)];  // people, not service accounts
    const Proc& ip = cat_.procs[r.below(cat_.procs.size())];
    const Proc& parent = cat_.procs[r.below(6) + 4];  // explorer, svchost, powershell, ...
    size_t act = kDeActionW.draw(r);
    bool detect = act == kActDetect || act == kActDetectLower;
    ++de_stats.rows;

    int64_t ts = kWindowStart + static_cast<int64_t>(r.below(kWindow));
    if (detect && r.chance(0.05) && last_det_ts_) ts = last_det_ts_;  // equal timestamps
    uint8_t tfmt = timestamp_format(r);
    ts = truncate_ticks(ts, tfmt);
    if (detect) last_det_ts_ = ts;
    row.ts = ts;
    row.time(DE("Timestamp"), ts, tfmt);
    row.str(DE("DeviceId"), dev.id);
    row.str(DE("DeviceName"), dev.name, dev.esc);
    row.str(DE("ActionType"), kDeActions[act]);

    // Initiating process block (present on almost every DeviceEvents row).
    initiating(row, r, ip, parent, usr, ts, /*dfe=*/false);
    row.num(DE("ReportId"),
            static_cast<int64_t>(r.below(r.chance(0.1) ? 40'000'000'000ULL : 900'000)));
    row.str(DE("AppGuardContainerId"), "");
    row.num(DE("InitiatingProcessSessionId"), static_cast<int64_t>(r.below(4)));
    bool remote = r.chance(0.02);
    row.boolean(DE("IsInitiatingProcessRemoteSession"), remote);
    if (remote) {
      row.str(DE("InitiatingProcessRemoteSessionDeviceName"), cat_.devices[r.below(200)].name);
      row.str(DE("InitiatingProcessRemoteSessionIP"), "192.168.7.21");
    }
    if (r.chance(0.3)) {
      row.num(DE("CreatedProcessSessionId"), static_cast<int64_t>(r.below(4)));
      row.boolean(DE("IsProcessRemoteSession"), false);
    }

    if (detect) {
      detection(row, r, act == kActDetectLower, usr);
      return;
    }
    // Non-detection rows: fill what the ActionType typically carries.
    char* p;
    switch (act) {
      case 0:  // NamedPipeEvent
        p = row.begin();
        p = put(p,
                "{\"DesiredAccess\":1180063,\"FileOperation\":\"File opened\",\"NamedPipeEnd\":"
                "\"Client\",\"PipeName\":\"\\\\Device\\\\NamedPipe\\\\mojo.");
        p = put_u(p, r.below(100000));
        p = put(p, ".");
        p = put_u(p, r.next() >> 20);
        p = put(p, "\",\"RemoteClientsAccess\":\"AcceptRemote\",\"SessionId\":");
        p = put_u(p, r.below(4));
        p = put(p, ",\"ShareMode\":\"Read, Write\"}");
        row.str(DE("AdditionalFields"), row.end(p));
        break;
      case 1:  // PowerShellCommand
        row.str(DE("AdditionalFields"),
                r.pick(std::array<std::string_view, 4>{
                    "{\"Command\":\"Get-ChildItem\"}", "{\"Command\":\"Import-Module\"}",
                    "{\"Command\":\"Invoke-WebRequest\"}", "{\"Command\":\"Get-ItemProperty\"}"}));
        break;
      case 4:  // DnsQueryResponse
        row.str(DE("RemoteIP"), "10.0.0.53");
        row.num(DE("RemotePort"), 53);
        row.str(DE("LocalIP"), dev.ip);
        row.num(DE("LocalPort"), r.range(49152, 65535));
        p = row.begin();
        p = put(p, "{\"DnsQueryString\":\"");
        p = put(
            p, r.pick(std::array<std::string_view, 4>{"login.microsoftonline.com", "www.google.com",
                                                      "cdn-files-21.xyz", "teams.microsoft.com"}));
        p = put(p, "\",\"DnsQueryResult\":[{\"DnsQueryType\":1,\"Address\":\"20.190.151.");
        p = put_u(p, r.below(255));
        p = put(p, "\"}]}");
        row.str(DE("AdditionalFields"), row.end(p));
        break;
      case 7:  // ShellLinkCreateFileEvent
      {
        p = row.begin();
        p = put(p, r.pick(kBenignNames));
        p = put(p, ".lnk");
        row.str(DE("FileName"), row.end(p));
        p = row.begin();
        p = put(p, "C:\\Users\\");
        p = put(p, usr.name);
        p = put(p, "\\AppData\\Roaming\\Microsoft\\Windows\\Recent");
        row.str(DE("FolderPath"), row.end(p));
        file_hashes(row, r, DE("SHA1"), DE("SHA256"), DE("MD5"), r.next() % 200'000, 0.3);
        p = row.begin();
        p = put(p, "{\"FileSizeInBytes\":");
        p = put_u(p, 300 + r.below(2000));
        p = put(p,
                ",\"VolumeGuidPath\":\"\\\\\\\\?\\\\Volume{b8057bb2-c6c1-4b0d-afe1-8223297efdde}\""
                ",\"IsOnRemovableMedia\":false,\"ShellLinkRunAsAdmin\":false,"
                "\"ShellLinkShowCommand\":\"SW_SHOWNORMAL\"}");
        row.str(DE("AdditionalFields"), row.end(p));
        break;
      }
      case 13:  // AntivirusScanCompleted
        row.str(
            DE("AdditionalFields"),
            "{\"Domain\":\"NT AUTHORITY\",\"ScanId\":\"{DE4E9D4E-4ED8-492F-B662-0BE4FAC69741}\","
            "\"ScanParametersIndex\":\"1\",\"ScanTypeIndex\":\"Quick\",\"User\":\"NETWORK "
            "SERVICE\"}");
        break;
      case 17:  // FirewallOutboundConnectionBlocked
        row.str(DE("RemoteIP"), "52.113.194.132");
        row.num(DE("RemotePort"), 443);
        row.str(DE("LocalIP"), dev.ip);
        row.num(DE("LocalPort"), r.range(49152, 65535));
        row.str(DE("RemoteUrl"), "teams.events.data.microsoft.com");
        break;
      case 9:  // ScheduledTaskCreated
        row.str(DE("AccountDomain"), usr.domain);
        row.str(DE("AccountName"), usr.name);
        row.str(DE("AccountSid"), usr.sid);
        row.str(
            DE("AdditionalFields"),
            "{\"TaskName\":\"\\\\Microsoft\\\\Windows\\\\UpdateOrchestrator\\\\Schedule Scan\","
            "\"TaskContent\":\"<?xml version=\\\"1.0\\\" encoding=\\\"UTF-16\\\"?><Task><Actions>"
            "<Exec><Command>%systemroot%\\\\system32\\\\usoclient.exe</Command><Arguments>"
            "StartScan</Arguments></Exec></Actions></Task>\"}");
        break;
      default:
        if (r.chance(0.4)) {
          row.num(DE("ProcessId"), r.range(4, 60000));
          row.str(DE("ProcessCommandLine"), cat_.procs[r.below(cat_.procs.size())].cmd);
          row.time(DE("ProcessCreationTime"),
                   ts - static_cast<int64_t>(r.below(3600 * kTicksPerSec)));
          row.str(DE("ProcessTokenElevation"), "TokenElevationTypeDefault");
        }
        if (r.chance(0.1)) {
          row.str(DE("RegistryKey"),
                  "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run");
          row.str(DE("RegistryValueName"), "OneDrive");
          row.str(DE("RegistryValueData"),
                  "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background");
        }
        row.str(DE("AdditionalFields"), r.chance(0.5) ? "{}" : "[]");
    }
  }

  void device_file_event(Row& row) {
    Rng& r = dfe_;
    row.clear(kDfeN);
    row.style = style(r);
    const Device& dev = cat_.devices[zipf_device(r)];
    const User& usr = cat_.users[r.below(300)];  // people, not service accounts
    size_t act = kDfeActionW.draw(r);
    ++dfe_stats.rows;

    // Does this row carry a detected file's MD5 (the hunt's join)?
    bool det = fan_pos_ < fan_.size() && r.chance(p_fan_);
    uint32_t j = det ? fan_[fan_pos_++] : 0;

    const Proc* ip;
    if (det) {  // downloads: browsers, mail, archivers; a few scanners the exclusions name
      static const Weighted w({30, 25, 8, 12, 8, 5, 4, 3, 3, 2});
      static const size_t idx[] = {0, 1, 2, 3, 13, 4, 8, 17, 18, 16};
      ip = &cat_.procs[idx[w.draw(r)]];
    } else {
      ip = &cat_.procs[r.below(cat_.procs.size())];
    }
    const Proc& parent = cat_.procs[r.below(3) + 4];

    int64_t ts = kWindowStart + static_cast<int64_t>(r.below(kWindow));
    uint8_t tfmt = timestamp_format(r);
    ts = truncate_ticks(ts, tfmt);
    row.ts = ts;
    row.time(DFE("Timestamp"), ts, tfmt);
    row.str(DFE("DeviceId"), dev.id);
    row.str(DFE("DeviceName"), dev.name, dev.esc);
    row.str(DFE("ActionType"), kDfeActions[act]);

    char* p;
    std::string_view fname;
    if (det) {
      fname = cat_.detected[j].file;
    } else {
      p = row.begin();
      std::string_view b = r.pick(kBenignNames);
      size_t dot = b.rfind('.');
      p = put(p, b.substr(0, dot));
      if (r.chance(0.5)) {
        *p++ = '_';
        p = put_u(p, r.below(1000));
      }
      p = put(p, b.substr(dot));
      fname = row.end(p);
    }
    row.str(DFE("FileName"), fname, r.chance(0.002));
    p = row.begin();
    p = put(p, "C:\\Users\\");
    p = put(p, usr.name);
    *p++ = '\\';
    p = put(p, det ? std::string_view("Downloads") : std::string_view(r.pick(kBenignDirs)));
    *p++ = '\\';
    p = put(p, fname);
    row.str(DFE("FolderPath"), row.end(p));

    bool origin = false;
    if (det) {
      const Detected& d = cat_.detected[j];
      ++dfe_stats.dfe_detected;
      row.str(DFE("SHA1"), d.sha1);
      if (r.chance(0.3)) row.str(DFE("SHA256"), d.sha256);
      bool upper = r.chance(0.02);  // trap: does not join (case-sensitive)
      if (upper) {
        p = row.begin();
        for (char ch : d.md5)
          *p++ = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        row.str(DFE("MD5"), row.end(p));
      } else {
        row.str(DFE("MD5"), d.md5, r.chance(0.01));
      }
      static const Weighted kOrigin({60, 12, 10, 18});  // url+ref, url, ref, neither
      size_t o = kOrigin.draw(r);
      bool excluded = r.chance(0.08);
      if (o == 0 || o == 1) {
        p = row.begin();
        p = put(p, excluded ? r.pick(kExcludedHosts) : r.pick(kBadHosts));
        p = put(p, d.file);
        row.str(DFE("FileOriginUrl"), row.end(p), r.chance(0.01));
        row.str(DFE("FileOriginIP"), "185.220.101.47");
      }
      if (o == 0 || o == 2) row.str(DFE("FileOriginReferrerUrl"), r.pick(kReferrers));
      origin = o != 3;
      if (origin && !upper) ++valid_dfe_[j];
      row.num(DFE("FileSize"), 20'000 + static_cast<int64_t>(r.below(5'000'000)));
    } else {
      file_hashes(row, r, DFE("SHA1"), DFE("SHA256"), DFE("MD5"), r.next() % 2'000'000, 0.03);
      if (r.chance(0.15)) {  // ~15% of file events carry where the file came from
        origin = true;
        p = row.begin();
        p = put(p, r.pick(kBenignHosts));
        p = put(p, fname);
        row.str(DFE("FileOriginUrl"), row.end(p));
        if (r.chance(0.6)) row.str(DFE("FileOriginReferrerUrl"), r.pick(kReferrers));
        if (r.chance(0.5)) row.str(DFE("FileOriginIP"), "13.107.246.45");
      }
      if (r.chance(0.97)) row.num(DFE("FileSize"), static_cast<int64_t>(r.below(50'000'000)));
    }
    if (origin) ++dfe_stats.dfe_with_origin;
    if (act == 2) {  // FileRenamed
      p = row.begin();
      p = put(p, "C:\\Users\\");
      p = put(p, usr.name);
      p = put(p, "\\AppData\\Local\\Temp\\");
      row.str(DFE("PreviousFolderPath"), row.end(p));
      p = row.begin();
      p = put(p, fname);
      p = put(p, ".crdownload");
      row.str(DFE("PreviousFileName"), row.end(p));
    }

    initiating(row, r, *ip, parent, usr, ts, /*dfe=*/true);
    row.str(DFE("RequestProtocol"), r.chance(0.9) ? "Local" : "SMB");
    row.str(DFE("RequestAccountName"), usr.name);
    row.str(DFE("RequestAccountDomain"), usr.domain);
    row.str(DFE("RequestAccountSid"), usr.sid);
    if (r.chance(0.05)) {
      row.str(DFE("RequestSourceIP"), "10.1.4.20");
      row.num(DFE("RequestSourcePort"), r.range(49152, 65535));
      row.str(DFE("ShareName"), "Finance$");
    }
    if (r.chance(0.02)) {
      row.str(DFE("SensitivityLabel"), "Confidential");
      row.str(DFE("SensitivitySubLabel"), "Finance");
      row.boolean(DFE("IsAzureInfoProtectionApplied"), true);
    } else if (r.chance(0.5)) {
      row.boolean(DFE("IsAzureInfoProtectionApplied"), false);
    }
    row.num(DFE("ReportId"),
            static_cast<int64_t>(r.below(r.chance(0.1) ? 40'000'000'000ULL : 900'000)));
    row.str(DFE("AppGuardContainerId"), "");
    row.str(DFE("AdditionalFields"),
            r.pick(std::array<std::string_view, 5>{
                "{\"FileType\":\"PortableExecutable\"}", "{\"FileType\":\"Unknown\"}",
                "{\"FileType\":\"Zip\"}", "{\"FileType\":\"Pdf\",\"IsMarkOfTheWebPresent\":true}",
                "{\"FileType\":\"Doc;Docx\"}"}));
    row.num(DFE("InitiatingProcessSessionId"), static_cast<int64_t>(r.below(4)));
    row.boolean(DFE("IsInitiatingProcessRemoteSession"), false);
  }

 public:  // also used by HuntSetRows
  static NullStyle style(Rng& r) {
    uint64_t x = r.below(100);
    return x < 96 ? NullStyle::Empty : x < 99 ? NullStyle::Null : NullStyle::Omit;
  }
  static uint8_t timestamp_format(Rng& r) {
    uint64_t x = r.below(1000);
    if (x < 970) return kFrac7;
    if (x < 980) return x % 2 ? kPlus2h : kMinus5h;
    return static_cast<uint8_t>(x % 7);  // 0..6 fraction digits
  }
  // A few busy devices, a long tail.
  static size_t zipf_device(Rng& r) {
    uint64_t a = r.below(200), b = r.below(200);
    return r.chance(0.5) ? std::min(a, b) : a;
  }

 private:
  // Hashes of a benign file id: same id, same hashes.
  void file_hashes(Row& row, Rng& r, size_t sha1, size_t sha256, size_t md5, uint64_t id,
                   double p_empty_md5) {
    uint64_t a = mix(0xF11E, id), b = mix(0xF11F, id);
    char* p = row.begin();
    p = put_hex(p, a ^ 0x55, b, 40);
    row.str(sha1, row.end(p));
    if (r.chance(0.3)) {
      p = row.begin();
      p = put_hex(p, b, a, 64);
      row.str(sha256, row.end(p));
    }
    if (!r.chance(p_empty_md5)) {
      p = row.begin();
      p = put_hex(p, a, b, 32);
      row.str(md5, row.end(p));
    }
  }

  void initiating(Row& row, Rng& r, const Proc& ip, const Proc& parent, const User& usr, int64_t ts,
                  bool dfe) {
    row.str(BOTH("InitiatingProcessSHA1"), ip.sha1);
    if (r.chance(0.6)) row.str(BOTH("InitiatingProcessSHA256"), ip.sha256);
    row.str(BOTH("InitiatingProcessMD5"), ip.md5);
    row.str(BOTH("InitiatingProcessFileName"), ip.name);
    row.num(BOTH("InitiatingProcessFileSize"), ip.size);
    row.str(BOTH("InitiatingProcessFolderPath"), ip.folder);
    row.num(BOTH("InitiatingProcessId"), r.range(4, 60000));
    row.str(BOTH("InitiatingProcessCommandLine"), ip.cmd);
    int64_t created = ts - static_cast<int64_t>(r.below(86400 * kTicksPerSec));
    row.time(BOTH("InitiatingProcessCreationTime"), created, r.chance(0.05) ? 6 : kFrac7);
    const User& u = r.chance(0.3) ? cat_.users[cat_.users.size() - 2] : usr;
    row.str(BOTH("InitiatingProcessAccountDomain"), u.domain);
    row.str(BOTH("InitiatingProcessAccountName"), u.name);
    row.str(BOTH("InitiatingProcessAccountSid"), u.sid);
    if (!u.upn.empty()) {
      row.str(BOTH("InitiatingProcessAccountUpn"), u.upn);
      row.str(BOTH("InitiatingProcessAccountObjectId"), u.oid);
    }
    row.str(BOTH("InitiatingProcessVersionInfoCompanyName"), ip.company);
    row.str(BOTH("InitiatingProcessVersionInfoProductName"), ip.product);
    row.str(BOTH("InitiatingProcessVersionInfoProductVersion"), ip.version);
    row.str(BOTH("InitiatingProcessVersionInfoInternalFileName"), ip.name);
    row.str(BOTH("InitiatingProcessVersionInfoOriginalFileName"), ip.name);
    row.str(BOTH("InitiatingProcessVersionInfoFileDescription"), ip.desc);
    row.num(BOTH("InitiatingProcessParentId"), r.range(4, 20000));
    row.str(BOTH("InitiatingProcessParentFileName"), parent.name);
    row.time(BOTH("InitiatingProcessParentCreationTime"),
             created - static_cast<int64_t>(r.below(3600 * kTicksPerSec)));
    if (dfe) {
      row.str(DFE("InitiatingProcessIntegrityLevel"), r.chance(0.7) ? "Medium" : "System");
      row.str(DFE("InitiatingProcessTokenElevation"), "TokenElevationTypeLimited");
    } else {
      row.num(DE("InitiatingProcessLogonId"), static_cast<int64_t>(r.below(1'000'000'000)));
    }
  }

  void detection(Row& row, Rng& r, bool lower, const User& usr) {
    ++de_stats.detections;
    uint32_t j = static_cast<uint32_t>(r.below(cat_.detected.size()));
    const Detected& d = cat_.detected[j];
    row.str(DE("FileName"), d.file, r.chance(0.01));
    char* p = row.begin();
    p = put(p, "C:\\Users\\");
    p = put(p, usr.name);
    p = put(p, r.chance(0.8) ? std::string_view("\\Downloads")
                             : std::string_view("\\AppData\\Local\\Temp"));
    row.str(DE("FolderPath"), row.end(p));
    row.str(DE("SHA1"), d.sha1);
    if (r.chance(0.2)) row.str(DE("SHA256"), d.sha256);
    bool has_md5 = !r.chance(0.03);  // trap: empty MD5 never joins
    if (has_md5) row.str(DE("MD5"), d.md5, r.chance(0.01));
    row.num(DE("FileSize"), 20'000 + static_cast<int64_t>(r.below(5'000'000)));
    if (r.chance(0.2)) {
      p = row.begin();
      p = put(p, r.pick(kBadHosts));
      p = put(p, d.file);
      row.str(DE("FileOriginUrl"), row.end(p));
    }
    if (has_md5 && !lower) {
      ++valid_det_[j];
      ++de_stats.valid_detections;
    }

    // AdditionalFields: mostly a JSON string with ThreatName; the spec's traps at low rates.
    uint64_t x = r.below(1000);
    p = row.begin();
    if (x < 900 || x >= 990) {
      p = put(p, "{\"ThreatName\":\"");
      std::string_view t = d.threat;
      if (x >= 990) {  // ThreatName written with a \u escape inside the JSON text
        size_t colon = t.find(':');
        p = put(p, t.substr(0, colon + 1));
        p = put_u4(p, static_cast<unsigned char>(t[colon + 1]));
        p = put(p, t.substr(colon + 2));
      } else {
        p = put(p, t);
      }
      p = put(p, "\",\"WasExecutingWhileDetected\":");
      p = put(p, r.chance(0.1) ? "true" : "false");
      p = put(p, ",\"WasRemediated\":");
      p = put(p, r.chance(0.9) ? "true" : "false");
      p = put(p, ",\"ReportSource\":\"Antivirus\",\"Action\":\"quarantine\",\"Container\":\"\"}");
      row.str(DE("AdditionalFields"), row.end(p));
    } else if (x < 920) {
      row.str(DE("AdditionalFields"), "");
    } else if (x < 940) {
      row.str(DE("AdditionalFields"), "not json");
    } else if (x < 955) {
      row.str(DE("AdditionalFields"), "{}");
    } else if (x < 965) {
      row.str(DE("AdditionalFields"), "{\"WasExecutingWhileDetected\":false,\"Signer\":\"\"}");
    } else if (x < 985) {  // a JSON object, as some streaming exporters write it
      p = put(p, "{\"ThreatName\":\"");
      p = put(p, d.threat);
      p = put(p, "\",\"WasExecutingWhileDetected\":false,\"WasRemediated\":true}");
      row.obj(DE("AdditionalFields"), row.end(p));
    }  // else: missing / null
  }

  const Catalog& cat_;
  Rng de_, dfe_;
  std::vector<uint32_t> fan_;
  size_t fan_pos_ = 0;
  double p_fan_ = 0;
  int64_t last_det_ts_ = 0;
  std::vector<uint32_t> valid_det_, valid_dfe_;
};

// ---------------------------------------------------------------------------------------------
// The hunt set (--hunt-set): rows the bench's other built-in hunts look for (bench/README.md),
// inserted between the flagship's rows. They are drawn from their own random streams and the
// flagship's rows are drawn exactly as without --hunt-set, so those rows, their order and
// expected_hunt_rows stay the same; only the extra rows are added.

struct HuntSetStats {
  uint64_t boot_reports = 0, icedid = 0, icedid_near = 0, psexec_rows = 0, psexec_sweeps = 0,
           accepteula_local = 0;
};

class HuntSetRows {
 public:
  HuntSetRows(uint64_t seed, const Catalog& cat, Generator& gen)
      : cat_(cat), gen_(gen), de_(seed ^ 0x45DE), dfe_(seed ^ 0x45DFE) {
    // Per device: how often it boots, its System Guard level and whether the level changes.
    Rng r(seed ^ 0x5EC);
    static const Weighted kLevel({55, 20, 15, 10});  // 700, 550, 500, 300
    static const int kLevels[] = {700, 550, 500, 300};
    for (size_t k = 0; k < cat.devices.size(); ++k) {
      Boot b;
      bool server = cat.devices[k].name.rfind("srv-", 0) == 0;
      b.period = (server ? r.range(7 * 24, 30 * 24) : r.range(18, 120)) * 3600 * kTicksPerSec;
      b.offset = static_cast<int64_t>(r.below(static_cast<uint64_t>(b.period)));
      b.level0 = b.level1 = kLevels[kLevel.draw(r)];
      uint64_t x = r.below(100);
      if (x < 12) {  // a drop: a firmware or policy change lowers the level from some boot on
        b.level1 = b.level0 == 300 ? 0 : b.level0 == 500 ? 300 : b.level0 == 550 ? 500 : 550;
      } else if (x < 16) {  // a fix raises it
        b.level1 = 700;
      }
      b.change = kWindowStart + static_cast<int64_t>(r.below(kWindow));
      boots_.push_back(b);
    }
    // Admin workstations PsExec runs from, and the servers it reaches.
    for (size_t k = 0; k < cat.devices.size(); ++k) {
      const std::string& n = cat.devices[k].name;
      if (n.rfind("srv-", 0) == 0) servers_.push_back(k);
    }
    for (size_t k : {3, 17, 42, 88, 120, 151}) admins_.push_back(k);
    // Sysinternals tools (rows keep pointers to these strings, so they live here).
    uint64_t id = 0;
    auto tool = [&](const char* exe, const char* product, const char* cmd) {
      ++id;
      return Proc{exe,
                  std::string("c:\\tools\\sysinternals\\") + exe,
                  "Sysinternals - www.sysinternals.com",
                  product,
                  "2.43",
                  product,
                  cmd,
                  hex(0x5E0, id, 32),
                  hex(0x5E1, id, 40),
                  hex(0x5E2, id, 64),
                  static_cast<int64_t>(400'000 + 1'000 * id)};
    };
    for (const char* exe : {"PsExec.exe", "PsExec64.exe", "psexec.exe"})
      psexec_.push_back(tool(exe, "Sysinternals PsExec", ""));
    tools_.push_back(tool("procdump64.exe", "ProcDump",
                          "procdump64.exe -accepteula -ma 4120 C:\\Temp\\dumps\\app.dmp"));
    tools_.push_back(
        tool("Autoruns64.exe", "Autoruns", "Autoruns64.exe -accepteula -a C:\\Temp\\autoruns.arn"));
    tools_.push_back(tool("sigcheck64.exe", "Sigcheck",
                          "sigcheck64.exe -accepteula -e -c C:\\Windows\\System32"));
    tools_.push_back(
        tool("PsExec.exe", "Sysinternals PsExec", "PsExec.exe -accepteula -s -i cmd.exe"));
  }

  HuntSetStats stats;

  // Fills `row` with an extra DeviceEvents row and returns true, or returns false: the caller
  // then writes the next flagship row. At most one extra row per flagship row.
  bool device_event(Row& row) {
    if (de_drawn_) return de_drawn_ = false;
    de_drawn_ = true;
    if (de_.chance(0.012)) {
      boot_attestation(row, de_);
      return true;
    }
    return de_drawn_ = false;
  }

  // The same for DeviceFileEvents; a PsExec sweep writes its rows one after the other.
  bool device_file_event(Row& row) {
    Rng& r = dfe_;
    if (sweep_left_ > 0) {
      sweep_row(row, r);
      return true;
    }
    if (dfe_drawn_) return dfe_drawn_ = false;
    dfe_drawn_ = true;
    uint64_t x = r.below(1'000'000);
    if (x < 130) {
      download(row, r, true);
    } else if (x < 600) {
      download(row, r, false);
    } else if (x < 720) {
      start_sweep(r);
      sweep_row(row, r);
    } else if (x < 900) {
      accepteula_local(row, r);
    } else {
      return dfe_drawn_ = false;
    }
    return true;
  }

 private:
  struct Boot {
    int64_t period, offset, change;
    int level0, level1;
  };

  const Device& device_at(size_t k) const { return cat_.devices[k]; }

  // DeviceBootAttestationInfo: one report per boot and then periodically; the level and the
  // report's validity start belong to the boot, so reports of one boot agree.
  void boot_attestation(Row& row, Rng& r) {
    row.clear(kDeN);
    row.style = Generator::style(r);
    size_t k = r.below(cat_.devices.size());
    const Device& dev = device_at(k);
    const Boot& b = boots_[k];
    int64_t ts = kWindowStart + static_cast<int64_t>(r.below(kWindow));
    int64_t boot_no = (ts - b.offset) / b.period;
    int64_t boot = b.offset + boot_no * b.period;
    // Validity starts a few minutes after the boot, the same for every report of that boot.
    int64_t valid =
        boot + static_cast<int64_t>(mix(k, static_cast<uint64_t>(boot_no)) % 600) * kTicksPerSec +
        static_cast<int64_t>(mix(boot_no, k) % kTicksPerSec);
    if (valid > ts) ts = valid + static_cast<int64_t>(r.below(3600 * kTicksPerSec));
    uint8_t tfmt = Generator::timestamp_format(r);
    ts = truncate_ticks(ts, tfmt);
    int level = boot < b.change ? b.level0 : b.level1;
    ++stats.boot_reports;
    row.ts = ts;
    row.time(DE("Timestamp"), ts, tfmt);
    row.str(DE("DeviceId"), dev.id);
    row.str(DE("DeviceName"), dev.name, dev.esc);
    row.str(DE("ActionType"), "DeviceBootAttestationInfo");
    row.num(DE("ReportId"), static_cast<int64_t>(r.below(900'000)));
    row.str(DE("AppGuardContainerId"), "");

    char* p = row.begin();
    uint64_t x = r.below(1000);
    if (x < 8) {  // traps: empty, not an object
      row.str(DE("AdditionalFields"), x < 4 ? "" : "[]");
      return;
    }
    p = put(p, "{\"SystemGuardSecurityLevel\":");
    if (x < 40) {  // the level written as a string
      *p++ = '"';
      p = put_u(p, static_cast<uint64_t>(level));
      *p++ = '"';
    } else if (x < 55) {
      p = put(p, "null");
    } else {
      p = put_u(p, static_cast<uint64_t>(level));
    }
    if (x >= 55 && x < 70 && level == 700) {  // no validity times (only at 700: see README)
      p = put(p, ",\"ElamDriverLoaded\":true}");
      row.str(DE("AdditionalFields"), row.end(p));
      return;
    }
    p = put(p, ",\"ReportValidityStartTime\":\"");
    p = put_time(p, valid, x < 90 ? 3 : kFrac7);
    p = put(p, "\",\"ReportValidityEndTime\":\"");
    p = put_time(p, valid + 86400 * kTicksPerSec, kFrac7);
    p = put(p,
            "\",\"ElamDriverLoaded\":true,\"BootDebugging\":false,\"KernelDebugging\":false,"
            "\"TestSigning\":false,\"FlightSigning\":false,\"SecureBootEnabled\":");
    p = put(p, level >= 500 ? "true" : "false");
    p = put(p, ",\"TpmVersion\":\"2.0\",\"HvciStatus\":\"");
    p = put(p, level >= 550 ? "Running" : "Off");
    p = put(p, "\",\"VbsEnabled\":");
    p = put(p, level >= 550 ? "true" : "false");
    p = put(p, "}");
    row.str(DE("AdditionalFields"), row.end(p));
  }

  // A browser download, IcedID-style when `icedid` (a Google-hosted payload reached from a
  // contact-form .php page on a .top domain), else a near miss that fails one condition.
  void download(Row& row, Rng& r, bool icedid) {
    static const Proc kBroker{"browser_broker.exe",
                              "c:\\windows\\system32\\browser_broker.exe",
                              "Microsoft Corporation",
                              "Microsoft® Windows® Operating System",
                              "10.0.19041.1",
                              "Browser_Broker",
                              "C:\\Windows\\system32\\"
                              "browser_broker.exe -Embedding",
                              hex(0xB0, 1, 32),
                              hex(0xB0, 2, 40),
                              hex(0xB0, 3, 64),
                              40'960};
    static const size_t kBrowsers[] = {0, 1, 2, 4, 13};  // chrome, msedge, firefox, explorer, 7zFM
    static const char* const kLures[] = {"Scan_%u.zip",    "Invoice_%u.iso", "Document_%u.zip",
                                         "contract-%u.js", "Form_%u.img",    "Report-%u.zip"};
    static const char* const kTop[] = {"sales-support", "contact-us",    "ofertas-hoy",
                                       "kontakt24",     "client-portal", "mailform"};
    static const char* const kDrive[] = {
        "https://doc-0k-9s-docs.googleusercontent.com/docs/securesc/"
        "ha0ro937gcuc7l7deffksulhg5h7mbp1/",
        "https://docs.google.com/uc?export=download&id=1",
        "https://drive.google.com/uc?export=download&id=1",
        "https://sites.google.com/view/files-",
        "https://storage.googleapis.com/gcs-",  // googleapis is not the term google: no match
        "https://firebasestorage.googleapis.com/v0/b/",
        "https://googledocs-share.top/dl/",  // googledocs is one term: no match
        "https://www.dropbox.com/s/"};
    row.clear(kDfeN);
    row.style = Generator::style(r);
    const Device& dev = device_at(r.below(150));  // workstations
    const User& usr = cat_.users[r.below(300)];
    // Which condition fails for a near miss: the process, the .php, the .top, the host.
    uint64_t miss = icedid ? 99 : r.below(4);
    const Proc* ip;
    if (miss == 0) {
      static const size_t kOthers[] = {3, 12, 6, 14};  // Outlook, Word, PowerShell, OneDrive
      ip = &cat_.procs[kOthers[r.below(4)]];
    } else {
      uint64_t b = r.below(12);
      ip = b < 10 ? &cat_.procs[kBrowsers[b / 2]] : &kBroker;
    }
    const Proc& parent = cat_.procs[4];
    int64_t ts = kWindowStart + static_cast<int64_t>(r.below(kWindow));
    uint8_t tfmt = Generator::timestamp_format(r);
    ts = truncate_ticks(ts, tfmt);
    row.ts = ts;
    row.time(DFE("Timestamp"), ts, tfmt);
    row.str(DFE("DeviceId"), dev.id);
    row.str(DFE("DeviceName"), dev.name, dev.esc);
    row.str(DFE("ActionType"), r.chance(0.8) ? "FileCreated" : "FileRenamed");
    char name[64];
    std::snprintf(name, sizeof name, kLures[r.below(std::size(kLures))],
                  static_cast<unsigned>(1000 + r.below(90000)));
    char* p = row.begin();
    p = put(p, name);
    std::string_view fname = row.end(p);
    row.str(DFE("FileName"), fname);
    p = row.begin();
    p = put(p, "C:\\Users\\");
    p = put(p, usr.name);
    p = put(p, "\\Downloads\\");
    p = put(p, fname);
    row.str(DFE("FolderPath"), row.end(p));
    uint64_t a = r.next(), b = r.next();
    p = row.begin();
    p = put_hex(p, a, b, 40);
    row.str(DFE("SHA1"), row.end(p));
    p = row.begin();
    p = put_hex(p, b, a, 32);
    row.str(DFE("MD5"), row.end(p));
    if (r.chance(0.3)) {
      p = row.begin();
      p = put_hex(p, a ^ b, a, 64);
      row.str(DFE("SHA256"), row.end(p));
    }

    // Where it came from.
    uint64_t host = miss == 3 ? 4 + r.below(4) : r.below(4);
    p = row.begin();
    p = put(p, kDrive[host]);
    p = put_hex(p, r.next(), r.next(), host == 0 ? 32 : 20);
    *p++ = '/';
    p = put(p, fname);
    row.str(DFE("FileOriginUrl"), row.end(p), r.chance(0.02));
    row.str(DFE("FileOriginIP"), host < 4 ? "142.250.185.78" : "172.217.16.128");
    p = row.begin();
    p = put(p, r.chance(0.5) ? "https://" : "http://");
    p = put(p, kTop[r.below(std::size(kTop))]);
    *p++ = '-';
    p = put_u(p, r.below(100));
    bool upper = r.chance(0.05);  // has is case-insensitive: .TOP and .PHP still match
    if (miss == 2)
      p = put(p, r.chance(0.5) ? ".xyz" : ".topsite.com");
    else
      p = put(p, upper ? ".TOP" : ".top");
    p = put(p, r.chance(0.5) ? "/contact" : "/wp-content/plugins/form/submit");
    if (miss == 1)
      p = put(p, r.chance(0.5) ? ".html" : ".phpx");
    else
      p = put(p, upper ? ".PHP" : ".php");
    if (r.chance(0.6)) {
      p = put(p, "?id=");
      p = put_u(p, r.below(100000));
    }
    row.str(DFE("FileOriginReferrerUrl"), row.end(p), r.chance(0.02));
    row.num(DFE("FileSize"), 2'000 + static_cast<int64_t>(r.below(3'000'000)));
    gen_.initiating_process(row, r, *ip, parent, usr, ts, /*dfe=*/true);
    if (ip == &kBroker || r.chance(0.05)) {  // a differently cased name: in~ ignores case
      p = row.begin();
      for (char ch : ip->name)
        *p++ =
            static_cast<char>(ip == &kBroker ? ch : std::toupper(static_cast<unsigned char>(ch)));
      row.str(DFE("InitiatingProcessFileName"), row.end(p));
    }
    row.str(DFE("RequestProtocol"), "Local");
    row.str(DFE("RequestAccountName"), usr.name);
    row.str(DFE("RequestAccountDomain"), usr.domain);
    row.str(DFE("RequestAccountSid"), usr.sid);
    row.boolean(DFE("IsAzureInfoProtectionApplied"), false);
    row.num(DFE("ReportId"), static_cast<int64_t>(r.below(900'000)));
    row.str(DFE("AppGuardContainerId"), "");
    row.str(DFE("AdditionalFields"), "{\"FileType\":\"Zip\",\"IsMarkOfTheWebPresent\":true}");
    row.num(DFE("InitiatingProcessSessionId"), static_cast<int64_t>(1 + r.below(3)));
    row.boolean(DFE("IsInitiatingProcessRemoteSession"), false);
    if (icedid)
      ++stats.icedid;
    else
      ++stats.icedid_near;
  }

  // A PsExec run from an admin workstation: one or more targets, each getting PSEXESVC.exe and,
  // with -c, the program copied to its ADMIN$ share, a few seconds apart.
  void start_sweep(Rng& r) {
    static const Weighted kKind({35, 30, 20, 15});  // spread, software push, excluded, one-off
    sweep_kind_ = kKind.draw(r);
    static const Weighted kTargets({10, 20, 30, 25, 15});
    static const int kSpan[][2] = {{1, 2}, {3, 5}, {6, 12}, {13, 25}, {26, 60}};
    const int* span = kSpan[kTargets.draw(r)];
    sweep_left_ = sweep_kind_ == 3 ? 1 + r.below(2) : r.range(span[0], span[1]);
    sweep_admin_ = admins_[r.below(admins_.size())];
    sweep_user_ = r.below(20);
    sweep_ts_ = kWindowStart + static_cast<int64_t>(r.below(kWindow));
    sweep_exe_ = r.below(3);
    sweep_payload_ = r.next();
    sweep_target_ = r.below(servers_.size());
    ++stats.psexec_sweeps;
  }

  void sweep_row(Row& row, Rng& r) {
    static const char* const kPayload[] = {"svchost.exe", "rundll64.exe", "upd.exe", "adm.exe"};
    static const Proc kPsexecSvc{
        "PSEXESVC.exe",   "", "Sysinternals",   "Sysinternals PsExec", "2.43",
        "PsExec Service", "", hex(0x5E, 1, 32), hex(0x5E, 2, 40),      hex(0x5E, 3, 64),
        383'872};
    row.clear(kDfeN);
    row.style = Generator::style(r);
    const Device& dev = device_at(sweep_admin_);
    const User& usr = cat_.users[sweep_user_];
    const Device& target = device_at(servers_[sweep_target_ % servers_.size()]);
    // Two files per target when a program is copied: PSEXESVC.exe first.
    bool second = copy_pending_;
    copy_pending_ = !second && sweep_kind_ != 1 && sweep_kind_ != 2;
    if (!copy_pending_) {
      --sweep_left_;
      ++sweep_target_;
    }
    sweep_ts_ +=
        static_cast<int64_t>(r.below((second ? 2 : 20) * kTicksPerSec)) + kTicksPerSec / 10;
    int64_t ts = sweep_ts_;
    uint8_t tfmt = Generator::timestamp_format(r);
    ts = truncate_ticks(ts, tfmt);
    row.ts = ts;
    row.time(DFE("Timestamp"), ts, tfmt);
    row.str(DFE("DeviceId"), dev.id);
    row.str(DFE("DeviceName"), dev.name, dev.esc);
    row.str(DFE("ActionType"), "FileCreated");
    const char* payload = kPayload[sweep_payload_ % std::size(kPayload)];
    std::string_view fname = second ? std::string_view(payload) : "PSEXESVC.exe";
    row.str(DFE("FileName"), fname);
    char* p = row.begin();
    p = put(p, "\\\\");
    p = put(p, target.name);
    p = put(p, "\\ADMIN$\\");
    p = put(p, fname);
    row.str(DFE("FolderPath"), row.end(p));
    p = row.begin();
    p = second ? put_hex(p, mix(sweep_payload_, 1), mix(sweep_payload_, 2), 40)
               : put(p, kPsexecSvc.sha1);
    row.str(DFE("SHA1"), row.end(p));
    p = row.begin();
    p = second ? put_hex(p, mix(sweep_payload_, 3), mix(sweep_payload_, 4), 32)
               : put(p, kPsexecSvc.md5);
    row.str(DFE("MD5"), row.end(p));
    row.num(DFE("FileSize"),
            second ? 250'000 + static_cast<int64_t>(sweep_payload_ % 900'000) : kPsexecSvc.size);

    // The command line: one target per PsExec run.
    p = row.begin();
    p = put(p, psexec_[sweep_exe_].name);
    p = put(p, " -accepteula \\\\");
    p = put(p, target.name);
    switch (sweep_kind_) {
      case 0:  // spreading a program (ransomware operators do this)
      case 3:
        p = put(p, " -s -d -c -f C:\\ProgramData\\");
        p = put(p, payload);
        break;
      case 1:  // pushing an installer script
        p = put(p, " -s -c \\\\srv-file-01.corp.contoso.com\\deploy\\install-agent.bat");
        break;
      default:  // excluded by the hunt: a script folder, or a PowerShell script
        p = put(p, sweep_payload_ % 2 ? " -s cmd /c C:\\scripts\\audit-policy.bat"
                                      : " -s powershell.exe -File C:\\Tools\\Get-Inventory.ps1");
    }
    std::string_view cmd = row.end(p);
    gen_.initiating_process(row, r, psexec_[sweep_exe_], cat_.procs[7], usr, ts, /*dfe=*/true);
    row.str(DFE("InitiatingProcessCommandLine"), cmd);
    row.str(DFE("RequestProtocol"), "Smb");
    row.str(DFE("RequestAccountName"), usr.name);
    row.str(DFE("RequestAccountDomain"), usr.domain);
    row.str(DFE("RequestAccountSid"), usr.sid);
    row.str(DFE("ShareName"), "ADMIN$");
    row.num(DFE("ReportId"), static_cast<int64_t>(r.below(900'000)));
    row.str(DFE("AppGuardContainerId"), "");
    row.str(DFE("AdditionalFields"), "{\"FileType\":\"PortableExecutable\"}");
    row.num(DFE("InitiatingProcessSessionId"), 2);
    row.boolean(DFE("IsInitiatingProcessRemoteSession"), false);
    ++stats.psexec_rows;
  }

  // Sysinternals tools run with -accepteula that write locally (no UNC path): not PsExec spread.
  void accepteula_local(Row& row, Rng& r) {
    static const char* const kFile[] = {"app.dmp", "autoruns.arn", "sig.csv", "PSEXESVC.exe"};
    row.clear(kDfeN);
    row.style = Generator::style(r);
    size_t k = r.below(tools_.size());
    size_t d = admins_[r.below(admins_.size())];
    const Device& dev = device_at(d);
    const User& usr = cat_.users[r.below(20)];
    int64_t ts = kWindowStart + static_cast<int64_t>(r.below(kWindow));
    uint8_t tfmt = Generator::timestamp_format(r);
    ts = truncate_ticks(ts, tfmt);
    row.ts = ts;
    row.time(DFE("Timestamp"), ts, tfmt);
    row.str(DFE("DeviceId"), dev.id);
    row.str(DFE("DeviceName"), dev.name, dev.esc);
    row.str(DFE("ActionType"), "FileCreated");
    row.str(DFE("FileName"), kFile[k]);
    char* p = row.begin();
    p = put(p, k == 3 ? "C:\\Windows\\" : "C:\\Temp\\");
    p = put(p, kFile[k]);
    row.str(DFE("FolderPath"), row.end(p));
    p = row.begin();
    p = put_hex(p, r.next(), r.next(), 40);
    row.str(DFE("SHA1"), row.end(p));
    gen_.initiating_process(row, r, tools_[k], cat_.procs[7], usr, ts, /*dfe=*/true);
    row.str(DFE("RequestProtocol"), "Local");
    row.num(DFE("ReportId"), static_cast<int64_t>(r.below(900'000)));
    row.str(DFE("AdditionalFields"), "{\"FileType\":\"Unknown\"}");
    ++stats.accepteula_local;
  }

  const Catalog& cat_;
  Generator& gen_;
  Rng de_, dfe_;
  bool de_drawn_ = false, dfe_drawn_ = false;
  std::vector<Boot> boots_;
  std::vector<size_t> servers_, admins_;
  std::vector<Proc> psexec_, tools_;
  // The PsExec run being written.
  uint64_t sweep_left_ = 0, sweep_kind_ = 0, sweep_user_ = 0, sweep_exe_ = 0, sweep_payload_ = 0,
           sweep_target_ = 0;
  size_t sweep_admin_ = 0;
  int64_t sweep_ts_ = 0;
  bool copy_pending_ = false;
};

// ---------------------------------------------------------------------------------------------
// Shapes

enum class Shape { Ndjson, Array, Api, Graph, Streaming, StreamingWrapped, LogAnalytics, Csv };

struct TableDef {
  const char* name;
  const Column* cols;
  size_t n;
};
constexpr TableDef kDe{"DeviceEvents", kDeColumns, kDeN};
constexpr TableDef kDfe{"DeviceFileEvents", kDfeColumns, kDfeN};

// One row as a JSON object; streaming puts Timestamp last and writes missing values as null.
char* put_object(char* p, const TableDef& t_, const Row& row, bool streaming) {
  *p++ = '{';
  bool first = true;
  NullStyle st = row.style;
  if (streaming && st == NullStyle::Empty) st = NullStyle::Null;  // streaming writes null
  for (size_t i = 0; i < t_.n; ++i) {
    size_t k = streaming ? (i + 1) % t_.n : i;
    char* start = p;
    if (!first) *p++ = ',';
    *p++ = '"';
    p = put(p, t_.cols[k].name);
    p = put(p, "\":");
    char* e = put_json_value(p, row.c[k], t_.cols[k].type, st);
    if (!e) {
      p = start;
      continue;
    }
    p = e;
    first = false;
  }
  if (streaming) p = put(p, ",\"MachineGroup\":\"main\"");
  *p++ = '}';
  return p;
}

const char* api_type(Type t) {
  switch (t) {
    case Type::Str:
    case Type::Dyn:
      return "String";
    case Type::Long:
      return "Int64";
    case Type::Int:
      return "Int32";
    case Type::Time:
      return "DateTime";
    case Type::Bool:
      return "Boolean";
  }
  return "String";
}
const char* kusto_type(Type t) {
  switch (t) {
    case Type::Str:
      return "string";
    case Type::Dyn:
      return "dynamic";
    case Type::Long:
      return "long";
    case Type::Int:
      return "int";
    case Type::Time:
      return "datetime";
    case Type::Bool:
      return "bool";
  }
  return "string";
}

class Writer {
 public:
  Writer(Shape shape, const TableDef& t, Sink& out) : shape_(shape), t_(t), out_(out) {}

  void header(const std::string& tenant) {
    std::string h;
    auto schema = [&](const char* nk, const char* tk, bool kusto) {
      for (size_t k = 0; k < t_.n; ++k) {
        h += k ? ",{\"" : "{\"";
        h += nk;
        h += "\":\"";
        h += t_.cols[k].name;
        h += "\",\"";
        h += tk;
        h += "\":\"";
        h += kusto ? kusto_type(t_.cols[k].type) : api_type(t_.cols[k].type);
        h += "\"}";
      }
    };
    switch (shape_) {
      case Shape::Array:
        h = "[\n";
        break;
      case Shape::Api:
        h = "{\"Stats\":{\"ExecutionTime\":0.4375,\"resource_usage\":{\"cache\":{\"memory\":{"
            "\"hits\":38,\"misses\":0,\"total\":38}},\"cpu\":{\"user\":\"00:00:00.1562500\"}}},"
            "\"Schema\":[";
        schema("Name", "Type", false);
        h += "],\"Results\":[\n";
        break;
      case Shape::Graph:
        h = "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/"
            "$metadata#microsoft.graph.security.huntingQueryResults\",\"schema\":[";
        schema("name", "type", false);
        h += "],\"results\":[\n";
        break;
      case Shape::LogAnalytics:
        h = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TenantId\","
            "\"type\":\"string\"},";
        schema("name", "type", true);
        h += ",{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},{\"name\":\"Type\",\"type\":"
             "\"string\"},{\"name\":\"SourceSystem\",\"type\":\"string\"},{\"name\":"
             "\"MachineGroup\",\"type\":\"string\"}],\"rows\":[\n";
        tenant_ = tenant;
        break;
      case Shape::Csv:
        for (size_t k = 0; k < t_.n; ++k) {
          if (k) h += ',';
          h += t_.cols[k].name;
        }
        h += "\r\n";
        break;
      default:
        break;
    }
    out_.put(h);
  }

  void row(const Row& row, Rng& r) {
    char* p = out_.reserve(Sink::kRecordMax);
    if (rows_++ && (shape_ == Shape::Array || shape_ == Shape::Api || shape_ == Shape::Graph ||
                    shape_ == Shape::LogAnalytics))
      p = put(p, ",\n");
    switch (shape_) {
      case Shape::Ndjson:
        p = object(p, row, false);
        *p++ = '\n';
        break;
      case Shape::Array:
      case Shape::Api:
      case Shape::Graph:
        p = object(p, row, false);
        break;
      case Shape::Streaming:
        p = envelope(p, row, r);
        p = put(p, "\r\n");  // streaming blobs use CRLF
        break;
      case Shape::StreamingWrapped:
        p = envelope(p, row, r);
        break;
      case Shape::LogAnalytics:
        p = la_row(p, row, r);
        break;
      case Shape::Csv:
        for (size_t k = 0; k < t_.n; ++k) {
          if (k) *p++ = ',';
          p = put_csv_value(p, row.c[k]);
        }
        p = put(p, "\r\n");
        break;
    }
    out_.commit(p);
  }

  void footer() {
    switch (shape_) {
      case Shape::Array:
        out_.put("\n]\n");
        break;
      case Shape::Api:
      case Shape::Graph:
        out_.put("\n]}\n");
        break;
      case Shape::LogAnalytics:
        out_.put("\n]}]}\n");
        break;
      default:
        break;
    }
  }

  // Streaming record with the row in properties (Timestamp last, as real records are unordered).
  char* envelope(char* p, const Row& row, Rng& r) {
    p = put(p, "{\"time\":\"");
    int64_t published = row.ts + static_cast<int64_t>(r.below(120 * kTicksPerSec)) + kTicksPerSec;
    p = put_time(p, published, kFrac7);
    p = put(p,
            "\",\"tenantId\":\"4b8c18bd-2f9f-4227-af55-9f1061cf9c32\",\"operationName\":"
            "\"Publish\",\"category\":\"AdvancedHunting-");
    p = put(p, t_.name);
    p = put(p, "\",\"_TimeReceivedBySvc\":\"");
    p = put_time(p, published - static_cast<int64_t>(r.below(60 * kTicksPerSec)), kFrac7);
    p = put(p, "\",\"properties\":");
    p = object(p, row, true);
    p = put(p, ",\"Tenant\":\"DefaultTenant\"}");
    return p;
  }

 private:
  char* object(char* p, const Row& row, bool streaming) {
    return put_object(p, t_, row, streaming);
  }

  char* la_row(char* p, const Row& row, Rng& r) {
    *p++ = '[';
    p = put(p, "\"");
    p = put(p, tenant_);
    p = put(p, "\"");
    for (size_t k = 0; k < t_.n; ++k) {
      *p++ = ',';
      p = put_json_value(p, row.c[k], t_.cols[k].type,
                         row.style == NullStyle::Omit ? NullStyle::Null : row.style);
    }
    p = put(p, ",\"");
    p = put_time(p, row.ts + static_cast<int64_t>(r.below(300 * kTicksPerSec)), kFrac7);
    p = put(p, "\",\"");
    p = put(p, t_.name);
    p = put(p, "\",\"\",\"main\"]");
    return p;
  }

  Shape shape_;
  const TableDef& t_;
  Sink& out_;
  uint64_t rows_ = 0;
  std::string tenant_;
};

// ---------------------------------------------------------------------------------------------
// Command line

uint64_t parse_size(const char* s) {
  char* end;
  double v = std::strtod(s, &end);
  uint64_t mul = 1;
  switch (*end) {
    case 'k':
    case 'K':
      mul = 1ULL << 10;
      break;
    case 'm':
    case 'M':
      mul = 1ULL << 20;
      break;
    case 'g':
    case 'G':
      mul = 1ULL << 30;
      break;
    case 't':
    case 'T':
      mul = 1ULL << 40;
      break;
    case '\0':
      break;
    default:
      std::fprintf(stderr, "huntq-gen: bad size '%s'\n", s);
      std::exit(2);
  }
  return static_cast<uint64_t>(v * static_cast<double>(mul));
}

[[noreturn]] void usage(int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: huntq-gen (--size N[K|M|G] | --rows N) --out DIR [--seed N]\n"
               "                 [--shape ndjson|array|api|graph|streaming|streaming-wrapped|"
               "loganalytics|csv] [--gzip] [--hunt-set]\n"
               "  --size  uncompressed bytes in total, half per table (streaming: one file)\n"
               "  --rows  rows per table\n"
               "  --hunt-set  also write the rows the bench's other hunts look for, between the\n"
               "              flagship's rows (which stay as they are)\n");
  std::exit(code);
}

// Average NDJSON record length, measured on a throwaway sample so --size can plan the row count
// (and so the detection pool) the same way for every shape.
void calibrate(uint64_t seed, double& de_len, double& dfe_len) {
  Catalog cat = build_catalog(seed ^ 0xCA11, 64);
  Generator g(seed ^ 0xCA11, cat, 4096);
  auto row = std::make_unique<Row>();
  std::vector<char> buf(Sink::kRecordMax);
  double a = 0, b = 0;
  constexpr int kN = 4096;
  for (int k = 0; k < kN; ++k) {
    g.device_event(*row);
    a += static_cast<double>(put_object(buf.data(), kDe, *row, false) - buf.data() + 1);
    g.device_file_event(*row);
    b += static_cast<double>(put_object(buf.data(), kDfe, *row, false) - buf.data() + 1);
  }
  de_len = a / kN;
  dfe_len = b / kN;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t size = 0, rows = 0, seed = 42;
  std::string out, shape_name = "ndjson";
  bool gzip = false, hunt_set = false;
  for (int k = 1; k < argc; ++k) {
    std::string_view a = argv[k];
    auto val = [&]() -> const char* {
      if (k + 1 >= argc) usage(2);
      return argv[++k];
    };
    if (a == "--size")
      size = parse_size(val());
    else if (a == "--rows")
      rows = std::strtoull(val(), nullptr, 10);
    else if (a == "--out")
      out = val();
    else if (a == "--seed")
      seed = std::strtoull(val(), nullptr, 10);
    else if (a == "--shape")
      shape_name = val();
    else if (a == "--gzip")
      gzip = true;
    else if (a == "--hunt-set")
      hunt_set = true;
    else if (a == "-h" || a == "--help")
      usage(0);
    else
      usage(2);
  }
  if (out.empty() || (size == 0) == (rows == 0)) usage(2);

  static const std::pair<const char*, Shape> kShapes[] = {
      {"ndjson", Shape::Ndjson},
      {"array", Shape::Array},
      {"api", Shape::Api},
      {"graph", Shape::Graph},
      {"streaming", Shape::Streaming},
      {"streaming-wrapped", Shape::StreamingWrapped},
      {"loganalytics", Shape::LogAnalytics},
      {"csv", Shape::Csv}};
  Shape shape{};
  bool found = false;
  for (auto& [n, s] : kShapes)
    if (shape_name == n) shape = s, found = true;
  if (!found) usage(2);

  std::error_code ec;
  std::filesystem::create_directories(out, ec);

  uint64_t est_de = rows, est_dfe = rows;
  if (size) {
    double de_len, dfe_len;
    calibrate(seed, de_len, dfe_len);
    est_de = static_cast<uint64_t>(size / 2 / de_len);
    est_dfe = static_cast<uint64_t>(size / 2 / dfe_len);
  }
  // ~0.5% of DeviceEvents are detections; each detected MD5 is seen ~1.7 times on average.
  size_t n_detected = std::max<size_t>(8, static_cast<size_t>(est_de * 0.005 / 1.7));
  Catalog cat = build_catalog(seed, n_detected);
  Generator gen(seed, cat, est_dfe);
  auto row = std::make_unique<Row>();
  Rng render(seed ^ 0x7E);  // envelope noise only; never affects row content
  std::unique_ptr<HuntSetRows> hs;
  if (hunt_set) hs = std::make_unique<HuntSetRows>(seed, cat, gen);
  Rng hs_render(seed ^ 0x7E45);  // the extra rows' envelopes: flagship rows keep theirs
  const char* gz = gzip ? ".gz" : "";
  bool streaming = shape == Shape::Streaming || shape == Shape::StreamingWrapped;
  const char* ext = shape == Shape::Csv                     ? "csv"
                    : (shape == Shape::Ndjson || streaming) ? "ndjson"
                                                            : "json";
  uint64_t half = size / 2;

  if (!streaming) {
    for (const TableDef* t : {&kDe, &kDfe}) {
      std::string path = out + "/" + t->name + "." + ext + gz;
      Sink sink(path, gzip);
      Writer w(shape, *t, sink);
      w.header(cat.tenant);
      bool de = t == &kDe;
      for (uint64_t n = 0; rows ? n < rows : sink.total() < half; ++n) {
        while (hs && (de ? hs->device_event(*row) : hs->device_file_event(*row)))
          w.row(*row, hs_render);
        if (de)
          gen.device_event(*row);
        else
          gen.device_file_event(*row);
        w.row(*row, render);
      }
      w.footer();
      sink.close();
    }
  } else {
    // One file, both tables interleaved; wrapped: lines of {"records":[...]} of 100 records
    // (one Event Hub message each).
    std::string path = out + "/AdvancedHunting." + std::string(ext) + gz;
    Sink sink(path, gzip);
    Writer wde(shape, kDe, sink), wdfe(shape, kDfe, sink);
    uint64_t bde = 0, bdfe = 0, nde = 0, ndfe = 0, in_batch = 0;
    bool wrapped = shape == Shape::StreamingWrapped;
    for (;;) {
      bool more_de = rows ? nde < rows : bde < half;
      bool more_dfe = rows ? ndfe < rows : bdfe < half;
      if (!more_de && !more_dfe) break;
      // Interleave: next record from the table that is behind (by rows or bytes).
      bool pick_de =
          more_de && (!more_dfe || (rows ? nde * est_dfe <= ndfe * est_de : bde <= bdfe));
      uint64_t before = sink.total();
      // The hunt set's extra rows of that table go first (each a record of its own).
      while (hs && (pick_de ? hs->device_event(*row) : hs->device_file_event(*row))) {
        if (wrapped) sink.put(in_batch == 0 ? "{\"records\":[" : ",");
        (pick_de ? wde : wdfe).row(*row, hs_render);
        if (wrapped && ++in_batch == 100) {
          sink.put("]}\r\n");
          in_batch = 0;
        }
      }
      if (wrapped) sink.put(in_batch == 0 ? "{\"records\":[" : ",");
      if (pick_de) {
        gen.device_event(*row);
        wde.row(*row, render);
        bde += sink.total() - before;
        ++nde;
      } else {
        gen.device_file_event(*row);
        wdfe.row(*row, render);
        bdfe += sink.total() - before;
        ++ndfe;
      }
      if (wrapped && ++in_batch == 100) {
        sink.put("]}\r\n");
        in_batch = 0;
      }
    }
    if (wrapped && in_batch) sink.put("]}\r\n");
    sink.close();
  }

  std::fprintf(
      stderr,
      "huntq-gen: shape=%s seed=%llu DeviceEvents rows=%llu detections=%llu "
      "(valid %llu)  DeviceFileEvents rows=%llu with-origin=%llu detected-md5=%llu  "
      "expected hunt rows=%llu\n",
      shape_name.c_str(), (unsigned long long)seed, (unsigned long long)gen.de_stats.rows,
      (unsigned long long)gen.de_stats.detections,
      (unsigned long long)gen.de_stats.valid_detections, (unsigned long long)gen.dfe_stats.rows,
      (unsigned long long)gen.dfe_stats.dfe_with_origin,
      (unsigned long long)gen.dfe_stats.dfe_detected, (unsigned long long)gen.expected_hunt_rows());
  // Machine-readable summary for bench/run.sh.
  std::FILE* m = std::fopen((out + "/manifest.json").c_str(), "wb");
  if (m) {
    std::fprintf(m,
                 "{\"shape\":\"%s\",\"seed\":%llu,\"gzip\":%s,\"size\":%llu,\"rows\":%llu,"
                 "\"DeviceEvents\":%llu,\"DeviceFileEvents\":%llu,\"detections\":%llu,"
                 "\"expected_hunt_rows\":%llu",
                 shape_name.c_str(), (unsigned long long)seed, gzip ? "true" : "false",
                 (unsigned long long)size, (unsigned long long)rows,
                 (unsigned long long)gen.de_stats.rows, (unsigned long long)gen.dfe_stats.rows,
                 (unsigned long long)gen.de_stats.detections,
                 (unsigned long long)gen.expected_hunt_rows());
    if (hs) {
      const HuntSetStats& h = hs->stats;
      std::fprintf(m,
                   ",\"hunt_set\":{\"boot_reports\":%llu,\"icedid\":%llu,\"icedid_near\":%llu,"
                   "\"psexec_sweeps\":%llu,\"psexec_rows\":%llu,\"accepteula_local\":%llu}",
                   (unsigned long long)h.boot_reports, (unsigned long long)h.icedid,
                   (unsigned long long)h.icedid_near, (unsigned long long)h.psexec_sweeps,
                   (unsigned long long)h.psexec_rows, (unsigned long long)h.accepteula_local);
    }
    std::fputs("}\n", m);
    std::fclose(m);
  }
  return 0;
}
