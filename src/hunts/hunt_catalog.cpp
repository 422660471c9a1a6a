#include "huntq/hunts/hunt_catalog.h"

#include "huntq/error.h"

namespace huntq::hunts {

const std::vector<HuntInfo>& catalog() {
  static const std::vector<HuntInfo> hunts{
      {"av-detections-with-source", "AV Detections with Source",
       "52c9e90b-84f4-4e2d-ae3d-eef85e8aa069",
       R"(let avDetections =
DeviceEvents
| where ActionType == "AntivirusDetection" and isnotempty(MD5)
| extend ParsedFields=parse_json(AdditionalFields)
| project Timestamp, DeviceName, ThreatName=tostring(ParsedFields.ThreatName), FileName, FolderPath, MD5;
//Get a list of file creations
let fileCreations =
DeviceFileEvents
| where (isnotempty(FileOriginReferrerUrl) or isnotempty(FileOriginUrl)) and isnotempty(MD5)
| project MD5, FileOriginUrl, FileOriginReferrerUrl, InitiatingProcessFileName, InitiatingProcessParentFileName;
//Join the file creations and AV detections on the MD5 of the file
avDetections | join kind=inner (fileCreations) on MD5
| project-away MD51 //Remove the duplicated MD5 field
| sort by Timestamp desc
)",
       &av_detections_with_source},
  };
  return hunts;
}

const HuntInfo& find_hunt(std::string_view id) {
  std::string known;
  for (const auto& h : catalog()) {
    if (h.id == id) return h;
    known += (known.empty() ? "" : ", ") + std::string(h.id);
  }
  throw Error("unknown hunt '" + std::string(id) + "'; known hunts: " + known);
}

}  // namespace huntq::hunts
