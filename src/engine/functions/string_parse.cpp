#include "string_parse.h"

#include <string>

#include "string_codec.h"

namespace huntq::engine {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_separator(char c) {
  return c == '/' || c == '\\';
}

// "scheme://": the scheme's length (RFC 3986 letters), or 0 when the text does not start so.
std::size_t scheme_length(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return 0;
  std::size_t i = 1;
  while (i < s.size() &&
         (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
    ++i;
  return s.substr(i).starts_with("://") ? i : 0;
}

Dynamic::Member member(std::string_view key, std::string_view value) {
  return {std::string(key), Dynamic::string(std::string(value))};
}

// k1=v1&k2=v2: url-decoded keys and values in order; a repeated key keeps its first place and
// gets the values joined with ',' (as .NET's NameValueCollection, which ParseQueryString fills).
DynamicPtr query_parameters(std::string_view query) {
  Dynamic::Object members;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string key = url_decode(pair.substr(0, eq));
    const std::string value =
        eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
    bool merged = false;
    for (auto& m : members) {
      if (m.key == key) {
        m.value = Dynamic::string(m.value->text() + "," + value);
        merged = true;
        break;
      }
    }
    if (!merged) members.push_back({key, Dynamic::string(value)});
  }
  return Dynamic::object(std::move(members));
}

}  // namespace

DynamicPtr parse_url_bag(std::string_view url) {
  std::string_view scheme, host, port, path, user, password, query, fragment;
  const std::size_t scheme_len = scheme_length(url);
  if (scheme_len > 0) {
    scheme = url.substr(0, scheme_len);
    std::string_view rest = url.substr(scheme_len + 3);
    const std::size_t hash = rest.find('#');
    if (hash != std::string_view::npos)
      fragment = rest.substr(hash + 1), rest = rest.substr(0, hash);
    const std::size_t qm = rest.find('?');
    if (qm != std::string_view::npos) query = rest.substr(qm + 1), rest = rest.substr(0, qm);
    const std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) path = rest.substr(slash);
    const std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
      const std::string_view userinfo = authority.substr(0, at);
      authority = authority.substr(at + 1);
      const std::size_t colon = userinfo.find(':');
      user = userinfo.substr(0, colon);
      if (colon != std::string_view::npos) password = userinfo.substr(colon + 1);
    }
    // host[:port]; an IPv6 literal keeps its brackets, as .NET's Uri.Host does.
    std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) != std::string_view::npos)
      colon = std::string_view::npos;
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  Dynamic::Object bag;
  bag.push_back(member("Scheme", scheme));
  bag.push_back(member("Host", host));
  bag.push_back(member("Port", port));
  bag.push_back(member("Path", path));
  bag.push_back(member("Username", user));
  bag.push_back(member("Password", password));
  bag.push_back({"Query Parameters", query_parameters(query)});
  bag.push_back(member("Fragment", fragment));
  return Dynamic::object(std::move(bag));
}

DynamicPtr parse_urlquery_bag(std::string_view query) {
  if (query.starts_with('?')) query.remove_prefix(1);
  Dynamic::Object bag;
  bag.push_back({"Query Parameters", query_parameters(query)});
  return Dynamic::object(std::move(bag));
}

DynamicPtr parse_path_bag(std::string_view path) {
  std::string_view scheme, root;
  std::string_view rest = path;
  if (const std::size_t n = scheme_length(path); n > 1) {  // one letter is a drive: C://
    scheme = path.substr(0, n);
    rest = path.substr(n + 3);
  }
  // A drive letter, also after the long-path prefix \\?\ .
  std::string_view after_prefix = rest;
  if (after_prefix.starts_with("\\\\?\\")) after_prefix.remove_prefix(4);
  if (after_prefix.size() >= 2 && is_alpha(after_prefix[0]) && after_prefix[1] == ':')
    root = after_prefix.substr(0, 2);
  std::size_t last_sep = std::string_view::npos;
  for (std::size_t i = rest.size(); i-- > 0;) {
    if (is_separator(rest[i])) {
      last_sep = i;
      break;
    }
  }
  std::string_view dir, name;
  if (last_sep == std::string_view::npos) {
    name = rest;
  } else {
    dir = rest.substr(0, last_sep);
    name = rest.substr(last_sep + 1);
  }
  std::string_view dir_name = dir;
  for (std::size_t i = dir.size(); i-- > 0;) {
    if (is_separator(dir[i])) {
      dir_name = dir.substr(i + 1);
      break;
    }
  }
  // file.txt:stream is an NTFS alternate data stream; a bare drive ("C:") is not.
  std::string_view stream;
  const std::size_t colon = name.find(':');
  if (colon != std::string_view::npos && !(dir.empty() && name.data() == root.data())) {
    stream = name.substr(colon + 1);
    name = name.substr(0, colon);
  }
  const std::size_t dot = name.rfind('.');
  const std::string_view extension =
      dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  Dynamic::Object bag;
  bag.push_back(member("Scheme", scheme));
  bag.push_back(member("RootPath", root));
  bag.push_back(member("DirectoryPath", dir));
  bag.push_back(member("DirectoryName", dir_name));
  bag.push_back(member("Filename", name));
  bag.push_back(member("Extension", extension));
  bag.push_back(member("AlternateDataStreamName", stream));
  return Dynamic::object(std::move(bag));
}

DynamicPtr parse_csv_array(std::string_view text) {
  Dynamic::Array fields;
  std::string field;
  bool quoted = false;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(Dynamic::string(std::move(field)));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      break;  // the end of the first record
    } else {
      field += c;
    }
  }
  fields.push_back(Dynamic::string(std::move(field)));
  return Dynamic::array(std::move(fields));
}

}  // namespace huntq::engine
