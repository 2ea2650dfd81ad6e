#include "core/Settings.h"

#include <QDir>
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

const SettingDef &settingDef(SettingKey key)
{
    static const std::array<SettingDef, size_t(SettingKey::Count_)> defs = {{
        {"recording/folder", QVariant()}, // resolved lazily: defaultRecordingsFolder()
        {"recording/format", QStringLiteral("mp4")},
        {"recording/chunkSeconds", 0},
        {"recording/namePattern", QStringLiteral("{source}_{date}_{time}")},
        {"recording/overwrite", false},
        {"safety/fsyncIntervalMs", 1000},
        {"network/reconnectInitialMs", 500},
        {"network/reconnectMaxMs", 5000},
        {"network/openTimeoutMs", 10000},
        {"network/stallTimeoutMs", 5000},
        {"disk/reserveMb", 500},
        {"behaviour/minimizeToTray", true},
        {"behaviour/startMinimized", false},
        {"behaviour/notifications", true},
        {"behaviour/trayHintShown", false},
        {"behaviour/language", QString()},
        {"window/geometry", QByteArray()},
        {"window/state", QByteArray()},
        {"sources/list", QVariantList()},
        {"recovery/lastFolder", QString()},
        {"sources/recordOptions", QVariantMap()},
    }};
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

} // namespace tapedeck
