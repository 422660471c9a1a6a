// The flagship hunt, operator for operator as its KQL reads
// (shared/hunts/av-detections-with-source.yaml).
#include "huntq/hunts/hunt_catalog.h"

namespace huntq::hunts {

using namespace engine;

PlanPtr av_detections_with_source() {
  // let avDetections = DeviceEvents
  //   | where ActionType == "AntivirusDetection" and isnotempty(MD5)
  //   | extend ParsedFields=parse_json(AdditionalFields)
  //   | project Timestamp, DeviceName, ThreatName=tostring(ParsedFields.ThreatName), FileName,
  //             FolderPath, MD5;
  auto av_detections = PlanBuilder::scan(device_events());
  av_detections
      .where(and_(eq(col("ActionType"), str("AntivirusDetection")), isnotempty(col("MD5"))))
      .extend({{"ParsedFields", parse_json(col("AdditionalFields"))}})
      .project({{"Timestamp", col("Timestamp")},
                {"DeviceName", col("DeviceName")},
                {"ThreatName", tostring(member(col("ParsedFields"), "ThreatName"))},
                {"FileName", col("FileName")},
                {"FolderPath", col("FolderPath")},
                {"MD5", col("MD5")}});
  // let fileCreations = DeviceFileEvents
  //   | where (isnotempty(FileOriginReferrerUrl) or isnotempty(FileOriginUrl)) and isnotempty(MD5)
  //   | project MD5, FileOriginUrl, FileOriginReferrerUrl, InitiatingProcessFileName,
  //             InitiatingProcessParentFileName;
  auto file_creations = PlanBuilder::scan(device_file_events());
  file_creations
      .where(and_(or_(isnotempty(col("FileOriginReferrerUrl")), isnotempty(col("FileOriginUrl"))),
                  isnotempty(col("MD5"))))
      .project({{"MD5", col("MD5")},
                {"FileOriginUrl", col("FileOriginUrl")},
                {"FileOriginReferrerUrl", col("FileOriginReferrerUrl")},
                {"InitiatingProcessFileName", col("InitiatingProcessFileName")},
                {"InitiatingProcessParentFileName", col("InitiatingProcessParentFileName")}});
  // avDetections | join kind=inner (fileCreations) on MD5 | project-away MD51
  //   | sort by Timestamp desc
  av_detections.join(JoinKind::Inner, file_creations, {"MD5"})
      .project_away({"MD51"})
      .sort({{"Timestamp", /*descending=*/true, /*nulls_last=*/true}});
  return av_detections.build();
}

}  // namespace huntq::hunts
