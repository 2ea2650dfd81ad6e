#include "core/app/Settings.h"

#include "core/app/OutputNaming.h"

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

const SettingDef &settingDef(SettingKey key)
{
    static const std::array<SettingDef, size_t(SettingKey::Count_)> defs = {{
        {"recording/folder", QVariant()}, // resolved lazily: defaultRecordingsFolder()
        {"recording/format", QStringLiteral("mp4")},
        {"recording/chunkSeconds", 0},
        {"recording/namePattern", QString::fromLatin1(kDefaultFileNamePattern)},
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
        {"network/hlsFromOldest", false},
        {"recording/gaps", QStringLiteral("auto")},
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
