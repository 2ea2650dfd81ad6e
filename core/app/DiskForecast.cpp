#include "core/app/DiskForecast.h"

#include <QHash>
#include <QStorageInfo>

#include <algorithm>

namespace tapedeck {

namespace {
constexpr qint64 kMiB = 1024 * 1024;
// Without a rate, a warning comes at least this far above the reserve.
constexpr qint64 kLowDiskMarginBytes = 256 * kMiB;
} // namespace

qint64 DiskForecast::secondsLeft() const
{
    if (freeBytes < 0)
        return -1;
    if (freeBytes <= reserveBytes)
        return 0;
    if (bitrateBps <= 0)
        return -1;
    // Bytes to bits before the division; no overflow below ~1 EB free.
    return (freeBytes - reserveBytes) * 8 / bitrateBps;
}

bool DiskForecast::low() const
{
    if (freeBytes < 0)
        return false;
    if (freeBytes < reserveBytes + std::max(reserveBytes, kLowDiskMarginBytes))
        return true;
    const qint64 left = secondsLeft();
    return left >= 0 && left < warnSeconds;
}

std::vector<DiskForecast> forecastDisks(const std::vector<DiskLoad> &loads,
                                        const std::function<std::optional<qint64>(const QString &)> &freeBytes,
                                        qint64 reserveBytes, qint64 warnSeconds)
{
    QHash<QString, qint64> volumeRate;
    for (const DiskLoad &l : loads)
        volumeRate[l.volume] += std::max<qint64>(0, l.bitrateBps);
    std::vector<DiskForecast> out;
    QHash<QString, size_t> index;
    for (const DiskLoad &l : loads) {
        if (auto it = index.constFind(l.folder); it != index.constEnd()) {
            ++out[*it].recordings;
            continue;
        }
        DiskForecast f;
        f.folder = l.folder;
        f.volume = l.volume;
        f.freeBytes = freeBytes(l.folder).value_or(-1);
        f.reserveBytes = reserveBytes;
        f.bitrateBps = volumeRate.value(l.volume);
        f.recordings = 1;
        f.warnSeconds = warnSeconds;
        index.insert(l.folder, out.size());
        out.push_back(f);
    }
    return out;
}

QString volumeOf(const QString &folder)
{
    const QStorageInfo info(folder);
    if (!info.isValid())
        return folder;
    return info.rootPath() + u'|' + QString::fromUtf8(info.device());
}

} // namespace tapedeck
