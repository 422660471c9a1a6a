// parse_url(), parse_urlquery(), parse_path() and parse_csv(): text cut into dynamic values.
#pragma once

#include <string_view>

#include "huntq/value/dynamic.h"

namespace huntq::engine {

/// {"Scheme","Host","Port","Path","Username","Password","Query Parameters","Fragment"}
/// (parse-url-function.md). Every field is a string ("" when absent) but "Query Parameters", a
/// bag of url-decoded values. Text that is not an absolute URL (scheme://...) gives every field
/// empty.
DynamicPtr parse_url_bag(std::string_view url);

/// {"Query Parameters": {...}} (parse-url-query-function.md); a leading '?' is skipped.
DynamicPtr parse_urlquery_bag(std::string_view query);

/// {"Scheme","RootPath","DirectoryPath","DirectoryName","Filename","Extension",
/// "AlternateDataStreamName"} (parse-path-function.md).
DynamicPtr parse_path_bag(std::string_view path);

/// The fields of the first CSV record, as an array of strings (parse-csv-function.md).
DynamicPtr parse_csv_array(std::string_view text);

}  // namespace huntq::engine
