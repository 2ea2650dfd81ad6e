#pragma once
// The start-up check: orphans in the recordings folder mean the last run
// crashed. The app (and `tapedeck recover --scan-default`) runs this; the GUI
// turns a non-empty result into a notification.

#include "core/app/Settings.h"
#include "core/recovery/Orphan.h"

namespace tapedeck::recovery {

// ScanParams for the configured recordings folder (SettingKey::RecordingsFolder).
ScanParams startupScanParams(const Settings &settings);

// Synchronous convenience for the CLI; the GUI uses Scanner with the params.
ScanResult scanRecordingsFolder(const Settings &settings);

} // namespace tapedeck::recovery
