#!/usr/bin/env python3
"""Writes samples/DeviceEvents.ndjson and samples/DeviceFileEvents.ndjson.

The rows below were written by hand, each for a reason given beside it (samples/README.md walks
through what the hunt prints from them). This script only fills in the full Defender column set
(formats.md §1.2, §1.3) around them, so every record looks like a real advanced-hunting export.
Re-run it after editing a row; the .ndjson files are what huntq and the tests read.
"""
import json
import os

DE_COLUMNS = """Timestamp DeviceId DeviceName ActionType FileName FolderPath SHA1 SHA256 MD5 FileSize
AccountDomain AccountName AccountSid RemoteUrl RemoteDeviceName ProcessId ProcessCommandLine
ProcessCreationTime ProcessTokenElevation LogonId RegistryKey RegistryValueName RegistryValueData
RemoteIP RemotePort LocalIP LocalPort FileOriginUrl FileOriginIP InitiatingProcessSHA1
InitiatingProcessSHA256 InitiatingProcessMD5 InitiatingProcessFileName InitiatingProcessFileSize
InitiatingProcessFolderPath InitiatingProcessId InitiatingProcessCommandLine
InitiatingProcessCreationTime InitiatingProcessAccountDomain InitiatingProcessAccountName
InitiatingProcessAccountSid InitiatingProcessAccountUpn InitiatingProcessAccountObjectId
InitiatingProcessVersionInfoCompanyName InitiatingProcessVersionInfoProductName
InitiatingProcessVersionInfoProductVersion InitiatingProcessVersionInfoInternalFileName
InitiatingProcessVersionInfoOriginalFileName InitiatingProcessVersionInfoFileDescription
InitiatingProcessParentId InitiatingProcessParentFileName InitiatingProcessParentCreationTime
InitiatingProcessLogonId ReportId AppGuardContainerId AdditionalFields InitiatingProcessSessionId
IsInitiatingProcessRemoteSession InitiatingProcessRemoteSessionDeviceName
InitiatingProcessRemoteSessionIP CreatedProcessSessionId IsProcessRemoteSession
ProcessRemoteSessionDeviceName ProcessRemoteSessionIP""".split()

DFE_COLUMNS = """Timestamp DeviceId DeviceName ActionType FileName FolderPath SHA1 SHA256 MD5
FileOriginUrl FileOriginReferrerUrl FileOriginIP PreviousFolderPath PreviousFileName FileSize
InitiatingProcessAccountDomain InitiatingProcessAccountName InitiatingProcessAccountSid
InitiatingProcessAccountUpn InitiatingProcessAccountObjectId InitiatingProcessMD5
InitiatingProcessSHA1 InitiatingProcessSHA256 InitiatingProcessFolderPath InitiatingProcessFileName
InitiatingProcessFileSize InitiatingProcessVersionInfoCompanyName
InitiatingProcessVersionInfoProductName InitiatingProcessVersionInfoProductVersion
InitiatingProcessVersionInfoInternalFileName InitiatingProcessVersionInfoOriginalFileName
InitiatingProcessVersionInfoFileDescription InitiatingProcessId InitiatingProcessCommandLine
InitiatingProcessCreationTime InitiatingProcessIntegrityLevel InitiatingProcessTokenElevation
InitiatingProcessParentId InitiatingProcessParentFileName InitiatingProcessParentCreationTime
RequestProtocol RequestSourceIP RequestSourcePort RequestAccountName RequestAccountDomain
RequestAccountSid ShareName SensitivityLabel SensitivitySubLabel IsAzureInfoProtectionApplied
ReportId AppGuardContainerId AdditionalFields InitiatingProcessSessionId
IsInitiatingProcessRemoteSession InitiatingProcessRemoteSessionDeviceName
InitiatingProcessRemoteSessionIP""".split()

NUMERIC = {"FileSize", "ProcessId", "LogonId", "RemotePort", "LocalPort", "InitiatingProcessFileSize",
           "InitiatingProcessId", "InitiatingProcessParentId", "InitiatingProcessLogonId", "ReportId",
           "InitiatingProcessSessionId", "CreatedProcessSessionId", "RequestSourcePort"}
BOOLS = {"IsInitiatingProcessRemoteSession", "IsProcessRemoteSession", "IsAzureInfoProtectionApplied"}
DATETIMES = {"ProcessCreationTime", "InitiatingProcessCreationTime",
             "InitiatingProcessParentCreationTime"}

DEVICES = {
    "fin-ws-014.contoso.local": "4f1c2f0e9d3a4b8e8a7c5d6e1f2a3b4c5d6e7f80",
    "eng-lt-203.contoso.local": "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b",
    "hr-ws-007.contoso.local": "1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e",
    "srv-build-02.contoso.local": "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
}

def defaults(columns, device, report_id):
    row = {}
    for c in columns:
        if c in NUMERIC:
            row[c] = None
        elif c in BOOLS:
            row[c] = False
        elif c in DATETIMES:
            row[c] = None
        else:
            row[c] = ""
    row["DeviceName"] = device
    row["DeviceId"] = DEVICES.get(device, "0" * 40)
    row["ReportId"] = report_id
    row["InitiatingProcessAccountDomain"] = "contoso"
    row["InitiatingProcessAccountName"] = "j.doe"
    row["InitiatingProcessAccountSid"] = "S-1-5-21-1004336348-1177238915-682003330-1104"
    row["InitiatingProcessSessionId"] = 1
    return row

def threat(name, remediated=True):
    return json.dumps({"ThreatName": name, "WasExecutingWhileDetected": False,
                       "WasRemediated": remediated, "ReportSource": "Realtime"},
                      separators=(",", ":"))

# MD5s of the sample files (lowercase hex, as Defender writes them).
INVOICE = "5d41402abc4b2a76b9719d911017c592"    # invoice.docm, downloaded from a phishing site
UPDATE = "7d793037a0760186574b0282f2f435e7"     # a Defender platform update package
KEYGEN = "6f8db599de986fab7a21625b7916589c"     # keygen.exe from a look-alike domain
SCANNED = "e4d909c290d0fb1ca068ffaddf22cbd0"   # a file the scheduled scan touched
TOOLKIT = "098f6bcd4621d373cade4e832627b4f6"    # a transform pack from maltego.com
BUILD = "ad0234829205b9033196ba818f7a872b"      # an artifact from the internal Artifactory
SHIPPER = "8ad8757baa8564dc136c1e07507f4a98"    # a file the log shipper read
LOOKALIKE = "b026324c6904b2a9cb4b88d6d61c81d1"  # served from look-alike hosts: must stay
ORPHAN = "26ab0db90d72e28ad0ba1e22ee510510"     # detected, but no file event with an origin

de = []
def detection(ts, device, file, folder, md5, additional, action="AntivirusDetection", **extra):
    row = defaults(DE_COLUMNS, device, 9000 + len(de))
    row.update(Timestamp=ts, ActionType=action, FileName=file, FolderPath=folder, MD5=md5,
               AdditionalFields=additional, InitiatingProcessFileName="MsSense.exe")
    row.update(extra)
    de.append(row)

# d1: the classic: a macro document downloaded from a phishing site (3 file events match).
detection("2024-03-12T09:15:42.1234567Z", "fin-ws-014.contoso.local", "invoice.docm",
          "C:\\Users\\j.doe\\Downloads", INVOICE, threat("TrojanDownloader:O97M/Emotet.PDSB!MTB"))
# d2: the same file detected again on another device, AdditionalFields empty: ThreatName "".
detection("2024-03-12T11:02:07.5Z", "hr-ws-007.contoso.local", "invoice.docm",
          "C:\\Users\\a.lee\\Downloads", INVOICE, "")
# d3: lower-case ActionType: == is case-sensitive, so the hunt must not see it.
detection("2024-03-12T12:00:00Z", "hr-ws-007.contoso.local", "invoice.docm",
          "C:\\Users\\a.lee\\Desktop", INVOICE, threat("TrojanDownloader:O97M/Emotet.PDSB!MTB"),
          action="antivirusdetection")
# d4: a detection whose hash could not be computed (empty MD5): isnotempty drops it.
detection("2024-03-12T12:30:00Z", "eng-lt-203.contoso.local", "locked.bin", "D:\\share",
          "", threat("Trojan:Win32/Wacatac.B!ml"))
# d5: the update package, flagged by a bad signature update; its download is excluded.
detection("2024-03-11T03:14:15.9265358Z", "srv-build-02.contoso.local", "updateplatform.exe",
          "C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates", UPDATE,
          threat("Trojan:Win32/Sabsik.FL.A!ml", remediated=False))
# d6: a keygen; AdditionalFields arrives as a JSON object, not a string (Sentinel, streaming).
detection("2024-03-10T22:45:00.0000001Z", "eng-lt-203.contoso.local", "keygen.exe",
          "C:\\Users\\m.ruiz\\Downloads", KEYGEN, None)
de[-1]["AdditionalFields"] = {"ThreatName": "HackTool:Win32/Keygen", "WasRemediated": True}
# d7: AdditionalFields that is not JSON: parse_json gives a dynamic string, ThreatName "".
detection("2024-03-10T08:00:00+02:00", "fin-ws-014.contoso.local", "scan-target.dll",
          "C:\\Windows\\Temp", SCANNED, "not json")
# d8: a detection on a file from a security tool's site, timestamp with 3 fraction digits.
detection("2024-03-09T16:20:31.250Z", "eng-lt-203.contoso.local", "transforms.mtz",
          "C:\\Users\\m.ruiz\\Downloads", TOOLKIT, threat("HackTool:Win32/Maltego"))
# d9: an internal build artifact flagged as PUA.
detection("2024-03-09T10:00:00Z", "srv-build-02.contoso.local", "agent-1.4.2.zip",
          "E:\\builds", BUILD, threat("PUA:Win32/Presenoker"))
# d10: a file read by the log shipper.
detection("2024-03-08T07:30:00Z", "srv-build-02.contoso.local", "quarantine.log",
          "C:\\ProgramData\\logs", SHIPPER, threat("Trojan:Script/Wacatac.H!ml"))
# d11: ActionType written with a JSON \\u escape: still "AntivirusDetection" once decoded, so the
# byte pre-filter must not skip it. Its device name carries a terminal escape sequence and its
# file name a spreadsheet formula: attacker-controlled text that output must neutralise.
detection("2024-03-08T07:30:00Z", "eng-lt-203.contoso.local\u001b]0;pwned\u0007",
          "=HYPERLINK(\"http://evil.example\")", "C:\\Users\\m.ruiz\\Downloads", LOOKALIKE,
          threat("Trojan:Win32/Keygen.Lookalike"))
# d12: a detection with no Timestamp at all: sorts last (desc puts nulls last).
detection(None, "hr-ws-007.contoso.local", "old.exe", "C:\\Temp", KEYGEN,
          threat("HackTool:Win32/Keygen"))
del de[-1]["Timestamp"]
# d13: a detection whose file has no origin URL anywhere: no partner, no row.
detection("2024-03-12T13:00:00Z", "fin-ws-014.contoso.local", "dropper.js", "C:\\Temp", ORPHAN,
          threat("Trojan:JS/Nemucod"))
# d14: a process event on the invoice's hash: not a detection.
detection("2024-03-12T09:15:40Z", "fin-ws-014.contoso.local", "WINWORD.EXE", "C:\\Program Files",
          INVOICE, "{}", action="ProcessCreated")

dfe = []
def file_event(ts, device, md5, url, referrer, proc, parent, file="download.bin", **extra):
    row = defaults(DFE_COLUMNS, device, 5000 + len(dfe))
    row.update(Timestamp=ts, ActionType="FileCreated", FileName=file,
               FolderPath="C:\\Users\\j.doe\\Downloads\\" + file, MD5=md5, FileOriginUrl=url,
               FileOriginReferrerUrl=referrer, InitiatingProcessFileName=proc,
               InitiatingProcessParentFileName=parent, FileSize=48213,
               AdditionalFields=json.dumps({"FileType": "Unknown"}, separators=(",", ":")))
    row.update(extra)
    dfe.append(row)

# f1, f2: the invoice, saved from a phishing link (URL and referrer), and from webmail (referrer only).
file_event("2024-03-12T09:15:39Z", "fin-ws-014.contoso.local", INVOICE,
           "https://invoices-contoso.example.net/dl/invoice.docm", "https://mail.contoso.example/",
           "chrome.exe", "explorer.exe", "invoice.docm")
file_event("2024-03-12T11:01:58Z", "hr-ws-007.contoso.local", INVOICE, "",
           "https://outlook.office.com/mail/", "msedge.exe", "explorer.exe", "invoice.docm")
# f3: the invoice again, FileOriginUrl null and referrer present (streaming exports write null).
file_event("2024-03-12T11:05:00Z", "hr-ws-007.contoso.local", INVOICE, None,
           "https://webmail.contoso.example/inbox", "outlook.exe", "explorer.exe", "invoice.docm")
# f4: a copy of the invoice with no origin at all: not a file creation from the web.
file_event("2024-03-12T11:06:00Z", "hr-ws-007.contoso.local", INVOICE, "", "", "explorer.exe",
           "userinit.exe", "invoice - Copy.docm")
# f5: the invoice hash in upper case: MD5 equality is case-sensitive, so it joins nothing.
file_event("2024-03-12T11:07:00Z", "hr-ws-007.contoso.local", INVOICE.upper(),
           "https://invoices-contoso.example.net/dl/invoice.docm", "", "chrome.exe", "explorer.exe")
# f6: the update package from download.microsoft.com (excluded: msft-update-servers).
file_event("2024-03-11T03:10:00Z", "srv-build-02.contoso.local", UPDATE,
           "http://download.microsoft.com/download/defender/updateplatform.exe", "",
           "MpSigStub.exe", "svchost.exe", "updateplatform.exe")
# f7: the keygen from look-alikes of Microsoft's update domain: none may be excluded.
file_event("2024-03-10T22:44:00Z", "eng-lt-203.contoso.local", KEYGEN,
           "https://update.microsoft.com.evil.example/keygen.exe", "", "firefox.exe", "explorer.exe",
           "keygen.exe")
file_event("2024-03-10T22:44:30Z", "eng-lt-203.contoso.local", KEYGEN,
           "https://update.microsoft.com@evil.example/keygen.exe", "https://evilmicrosoft.com/",
           "firefox.exe", "explorer.exe", "keygen.exe")
# f9: the scheduled scan touched this file (InitiatingProcessFileName MsMpEng.exe: excluded).
file_event("2024-03-10T05:55:00Z", "fin-ws-014.contoso.local", SCANNED,
           "https://files.contoso.example/share/scan-target.dll", "", "MsMpEng.exe", "services.exe",
           "scan-target.dll")
# f10: a Maltego transform pack (excluded: security-tools).
file_event("2024-03-09T16:20:00Z", "eng-lt-203.contoso.local", TOOLKIT,
           "https://downloads.maltego.com/transforms/transforms.mtz", "", "maltego.exe",
           "explorer.exe", "transforms.mtz")
# f11: the build artifact from Artifactory (excluded: internal-repositories), and a look-alike
# whose path, not host, names Artifactory (kept).
file_event("2024-03-09T09:59:00Z", "srv-build-02.contoso.local", BUILD,
           "https://artifactory.example.com/artifactory/libs/agent-1.4.2.zip", "", "curl.exe",
           "bash.exe", "agent-1.4.2.zip")
file_event("2024-03-09T09:59:30Z", "srv-build-02.contoso.local", BUILD,
           "https://evil.example/artifactory.example.com/agent-1.4.2.zip", "", "curl.exe",
           "bash.exe", "agent-1.4.2.zip")
# f13: the log shipper's file (excluded: log-management, by process name).
file_event("2024-03-08T07:29:00Z", "srv-build-02.contoso.local", SHIPPER,
           "https://logs.splunk.com/ingest/quarantine.log", "", "splunkd.exe", "services.exe",
           "quarantine.log")
# f14: the file behind d11, with a hostile URL (terminal escape) and a formula in the referrer.
file_event("2024-03-08T07:29:30Z", "eng-lt-203.contoso.local", LOOKALIKE,
           "https://evil.example/\u001b[31mred", "+cmd|' /C calc'!A0", "chrome.exe", "explorer.exe",
           "keygen2.exe")
# f15: a file event whose FileOriginUrl key is missing altogether (null columns may be omitted).
file_event("2024-03-10T22:46:00Z", "eng-lt-203.contoso.local", KEYGEN, None,
           "https://keygens.example/download", "firefox.exe", "explorer.exe", "keygen.exe")
del dfe[-1]["FileOriginUrl"]

def write(path, rows, escape_action=False):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            line = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
            if escape_action:
                line = line.replace('"ActionType":"AntivirusDetection","FileName":"=HYPERLINK',
                                    '"ActionType":"\\u0041ntivirusDetection","FileName":"=HYPERLINK')
            f.write(line + "\n")

here = os.path.dirname(os.path.abspath(__file__))
write(os.path.join(here, "DeviceEvents.ndjson"), de, escape_action=True)
write(os.path.join(here, "DeviceFileEvents.ndjson"), dfe)
