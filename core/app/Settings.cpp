#include "core/app/Settings.h"

#include "core/app/OutputNaming.h"
#include "core/record/RecordParams.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <array>

namespace tapedeck {

QString defaultRecordingsFolder()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::MoviesLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/Videos");
    return base + QStringLiteral("/Tapedeck");
}

namespace {

// Each key names its own entry, so the order of the enum does not matter:
// reordering it cannot swap two defaults, and a key without an entry does not
// compile (tapedeck_app builds with -Werror=switch). Engine knobs take their
// defaults from RecordParams, the one place they are written down.
SettingDef makeSettingDef(SettingKey key)
{
    const RecordParams engine;
    switch (key) {
    case SettingKey::RecordingsFolder:
        return {"recording/folder", QVariant()}; // resolved lazily: defaultRecordingsFolder()
    case SettingKey::DefaultFormat:
        return {"recording/format", containerName(kDefaultContainer)};
    case SettingKey::DefaultChunkSeconds:
        return {"recording/chunkSeconds", 0};
    case SettingKey::FileNamePattern:
        return {"recording/namePattern", QString::fromLatin1(kDefaultFileNamePattern)};
    case SettingKey::Overwrite:
        return {"recording/overwrite", false};
    case SettingKey::FsyncIntervalMs:
        return {"safety/fsyncIntervalMs", engine.fsyncIntervalMs};
    case SettingKey::ReconnectInitialMs:
        return {"network/reconnectInitialMs", engine.retryInitialMs};
    case SettingKey::ReconnectMaxMs:
        return {"network/reconnectMaxMs", engine.retryMaxMs};
    case SettingKey::OpenTimeoutMs:
        return {"network/openTimeoutMs", engine.openTimeoutMs};
    case SettingKey::StallTimeoutMs:
        return {"network/stallTimeoutMs", engine.stallTimeoutMs};
    case SettingKey::DiskReserveMb:
        return {"disk/reserveMb", kDefaultDiskReserveMb};
    case SettingKey::DiskWarnMinutes:
        return {"disk/warnMinutes", kDefaultDiskWarnMinutes};
    case SettingKey::RetentionRules:
        return {"disk/retention", QString()};
    case SettingKey::SilenceWarnSeconds:
        return {"behaviour/silenceWarnSeconds", 30};
    case SettingKey::BlackWarnSeconds:
        return {"behaviour/blackWarnSeconds", 30};
    case SettingKey::MinimizeToTray:
        return {"behaviour/minimizeToTray", true};
    case SettingKey::StartMinimized:
        return {"behaviour/startMinimized", false};
    case SettingKey::Notifications:
        return {"behaviour/notifications", true};
    case SettingKey::TrayHintShown:
        return {"behaviour/trayHintShown", false};
    case SettingKey::Language:
        return {"behaviour/language", QString()};
    case SettingKey::WindowGeometry:
        return {"window/geometry", QByteArray()};
    case SettingKey::WindowState:
        return {"window/state", QByteArray()};
    case SettingKey::SplitterState:
        return {"window/splitters", QByteArray()};
    case SettingKey::Sources:
        return {"sources/list", QVariantList()};
    case SettingKey::LastRecoveryFolder:
        return {"recovery/lastFolder", QString()};
    case SettingKey::SourceRecordOptions:
        return {"sources/recordOptions", QVariantMap()};
    case SettingKey::Recorders:
        return {"recorders/list", QVariantList()};
    case SettingKey::Schedules:
        return {"schedules/list", QVariantList()};
    case SettingKey::HlsFromOldest:
        return {"network/hlsFromOldest", engine.hlsStart == HlsStart::Oldest};
    case SettingKey::Gaps:
        return {"recording/gaps", gapModeName(engine.gapMode)};
    case SettingKey::Count_:
        break;
    }
    return {"", QVariant()};
}

} // namespace

const SettingDef &settingDef(SettingKey key)
{
    static const std::array<SettingDef, size_t(SettingKey::Count_)> defs = [] {
        std::array<SettingDef, size_t(SettingKey::Count_)> all;
        for (size_t i = 0; i < all.size(); ++i)
            all[i] = makeSettingDef(SettingKey(i));
        return all;
    }();
    return defs[size_t(key)];
}

Settings::Settings() : m_s(std::make_unique<QSettings>(QStringLiteral("Tapedeck"), QStringLiteral("Tapedeck"))) {}

Settings::Settings(const QString &iniPath) : m_s(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

QVariant Settings::value(SettingKey key) const
{
    const SettingDef &d = settingDef(key);
    QVariant def = d.defaultValue;
    if (key == SettingKey::RecordingsFolder)
        def = defaultRecordingsFolder();
    return m_s->value(QLatin1String(d.name), def);
}

void Settings::setValue(SettingKey key, const QVariant &value)
{
    m_s->setValue(QLatin1String(settingDef(key).name), value);
}

void Settings::reset(SettingKey key) { m_s->remove(QLatin1String(settingDef(key).name)); }

void Settings::sync() { m_s->sync(); }

QString Settings::fileName() const { return m_s->fileName(); }

QVariant Settings::jsonValue(SettingKey key) const
{
    const QVariant stored = value(key);
    if (stored.typeId() != QMetaType::QString)
        return stored; // written by an older build
    const QJsonDocument doc = QJsonDocument::fromJson(stored.toString().toUtf8());
    return doc.isArray() ? QVariant(doc.array().toVariantList()) : QVariant(doc.object().toVariantMap());
}

void Settings::setJsonValue(SettingKey key, const QVariant &listOrMap)
{
    const QJsonDocument doc = listOrMap.typeId() == QMetaType::QVariantList
        ? QJsonDocument(QJsonArray::fromVariantList(listOrMap.toList()))
        : QJsonDocument(QJsonObject::fromVariantMap(listOrMap.toMap()));
    setValue(key, QString::fromUtf8(doc.toJson(QJsonDocument::Compact)));
}

std::vector<NamedSource> loadNamedSources(const Settings &settings)
{
    std::vector<NamedSource> out;
    for (const QVariant &v : settings.jsonValue(SettingKey::Sources).toList()) {
        const QVariantMap m = v.toMap();
        NamedSource s{m.value(QStringLiteral("id")).toString(), m.value(QStringLiteral("name")).toString(),
                      m.value(QStringLiteral("url")).toString(), m.value(QStringLiteral("secret")).toBool()};
        if (!s.id.isEmpty() && !s.name.isEmpty())
            out.push_back(std::move(s));
    }
    return out;
}

void saveNamedSources(Settings &settings, const std::vector<NamedSource> &sources)
{
    QVariantList list;
    for (const NamedSource &s : sources)
        list.append(QVariantMap{{QStringLiteral("id"), s.id},
                                {QStringLiteral("name"), s.name},
                                {QStringLiteral("url"), s.url},
                                {QStringLiteral("secret"), s.hasSecret}});
    settings.setJsonValue(SettingKey::Sources, list);
}

} // namespace tapedeck
