#pragma once
// One typed registry of every setting: a key enum, its stored name and its
// default. No string keys anywhere else. Tests use a throwaway instance backed
// by a file of their own.

#include "core/base/MediaTypes.h"

#include <QSettings>
#include <QString>
#include <QVariant>

#include <memory>
#include <vector>

namespace tapedeck {

// The recording defaults the application chooses. The engine's own (timeouts,
// reconnects, fsync, gaps) are RecordParams' initialisers; the registry below
// takes both from there, and the front ends take them from the registry
// (core/app/RecordingService: RecordingService::defaults()).
inline constexpr ContainerType kDefaultContainer = ContainerType::Mp4;
inline constexpr int kDefaultDiskReserveMb = 500;
inline constexpr int kDefaultDiskWarnMinutes = 30;

enum class SettingKey {
    // Recording defaults
    RecordingsFolder,
    DefaultFormat,       // "mp4" | "ts" | "flv"
    DefaultChunkSeconds, // 0 = off
    FileNamePattern,     // "{source}_{date}_{time}"
    Overwrite,
    // Crash safety
    FsyncIntervalMs,
    // Network
    ReconnectInitialMs,
    ReconnectMaxMs,
    OpenTimeoutMs,
    StallTimeoutMs,
    // Disk
    DiskReserveMb,
    // Behaviour
    MinimizeToTray,
    StartMinimized,
    Notifications,
    TrayHintShown,
    Language, // "" = system, "en", "de", "fr"
    // Window and lists (UI state)
    WindowGeometry,
    WindowState,
    SplitterState, // the main window's splitter between the sources and the rest
    Sources,       // list of {name, url-without-secrets}
    LastRecoveryFolder,
    SourceRecordOptions, // map: source id -> {format, chunkSeconds, folder, pattern, overwrite}
    HlsFromOldest,       // live HLS: take every segment still listed instead of starting at the live edge
    Gaps,                // "auto" | "close" | "real": a drop's outage closed up or kept as real time
    DiskWarnMinutes,     // warn when a recording folder has less than this left at the current bitrates
    RetentionRules,      // map: folder -> {maxGb, maxDays} (core/app/Retention.h)
    SilenceWarnSeconds,  // a recording silent this long gets a warning on its card (0: never)
    BlackWarnSeconds, // a recording whose picture stays black this long: a warning on its card and the tray (0: never)
    Recorders,        // remote recorders: list of {id, name, url} (their tokens are in the keychain)
    Schedules,        // scheduled recordings: list of {id, source id, times, days} (core/app/Schedule.h); no URLs
    Count_
};

struct SettingDef {
    const char *name;
    QVariant defaultValue;
};

const SettingDef &settingDef(SettingKey key);

class Settings {
public:
    // The user's settings (QSettings in the standard location).
    Settings();
    // A settings file of its own (tests, portable use).
    explicit Settings(const QString &iniPath);

    QVariant value(SettingKey key) const;
    void setValue(SettingKey key, const QVariant &value);
    void reset(SettingKey key);
    void sync();

    QString string(SettingKey key) const { return value(key).toString(); }
    qint64 integer(SettingKey key) const { return value(key).toLongLong(); }
    bool flag(SettingKey key) const { return value(key).toBool(); }

    QString fileName() const;

    // Lists and maps are kept as one JSON string each: QSettings would write
    // them as opaque binary @Variant, and the file should stay readable (and
    // checkable for leaked secrets).
    QVariant jsonValue(SettingKey key) const;
    void setJsonValue(SettingKey key, const QVariant &listOrMap);

private:
    std::unique_ptr<QSettings> m_s;
};

// ~/Videos/Tapedeck (or the movies location Qt reports).
QString defaultRecordingsFolder();

// The user's named sources (SettingKey::Sources), shared by the desktop app
// and the command line. `url` never holds a credential: when `hasSecret`,
// the full URL lives in the desktop keychain.
struct NamedSource {
    QString id;
    QString name;
    QString url;
    bool hasSecret = false;
};
std::vector<NamedSource> loadNamedSources(const Settings &settings);
void saveNamedSources(Settings &settings, const std::vector<NamedSource> &sources);

} // namespace tapedeck
