#include "core/app/StartupScan.h"

#include "core/recovery/Scanner.h"

#include <QDir>

namespace tapedeck::recovery {

ScanParams startupScanParams(const Settings &settings)
{
    ScanParams p;
    QString folder = settings.string(SettingKey::RecordingsFolder);
    if (folder.isEmpty())
        folder = defaultRecordingsFolder();
    p.paths << folder;
    // Recordings are written flat or in one level of per-source folders;
    // a shallow walk keeps start-up fast in a huge library.
    p.maxDepth = 4;
    return p;
}

ScanResult scanRecordingsFolder(const Settings &settings)
{
    const ScanParams p = startupScanParams(settings);
    if (!QDir(p.paths.value(0)).exists())
        return ScanResult{};
    return scanPaths(p);
}

} // namespace tapedeck::recovery
