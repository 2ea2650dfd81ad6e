#include "ui/recovery/RebuiltLedger.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace tapedeck {
namespace ui {
namespace {

// Names, sizes and modification times of the set's files: any change (a
// file grew, one more appeared) makes it a new set to look at.
QString fingerprint(const recovery::Orphan &o, const QString &output)
{
    // A rebuild that kept the originals may have written X.mp4 itself, which
    // the next scan lists with the set: the rebuilt file is not an original.
    QStringList files = o.files;
    files.removeAll(output);
    files.sort();
    QStringList parts;
    for (const QString &f : std::as_const(files)) {
        const QFileInfo fi(f);
        parts << QStringLiteral("%1|%2|%3")
                     .arg(fi.absoluteFilePath())
                     .arg(fi.size())
                     .arg(fi.lastModified().toMSecsSinceEpoch());
    }
    return parts.join(u'\n');
}

QJsonObject load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

void store(const QString &path, const QJsonObject &all)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.write(QJsonDocument(all).toJson());
    f.commit();
}

QString keyOf(const recovery::Orphan &o) { return QFileInfo(o.target).absoluteFilePath(); }

} // namespace

void RebuiltLedger::remember(const recovery::Orphan &orphan, const QString &output)
{
    QJsonObject all = load(m_path);
    QJsonObject e;
    e.insert(QStringLiteral("fingerprint"), fingerprint(orphan, QFileInfo(output).absoluteFilePath()));
    e.insert(QStringLiteral("output"), QFileInfo(output).absoluteFilePath());
    e.insert(QStringLiteral("outputSize"), double(QFileInfo(output).size()));
    all.insert(keyOf(orphan), e);
    // Sets whose files are all gone need no memory.
    for (const QString &k : all.keys()) {
        const QString out = all.value(k).toObject().value(QStringLiteral("output")).toString();
        if (!QFileInfo::exists(out))
            all.remove(k);
    }
    store(m_path, all);
}

QString RebuiltLedger::rebuiltAs(const recovery::Orphan &orphan) const
{
    const QJsonObject e = load(m_path).value(keyOf(orphan)).toObject();
    const QString out = e.value(QStringLiteral("output")).toString();
    if (e.isEmpty() || e.value(QStringLiteral("fingerprint")).toString() != fingerprint(orphan, out))
        return QString();
    const QFileInfo fi(out);
    if (!fi.isFile() || fi.size() != qint64(e.value(QStringLiteral("outputSize")).toDouble()))
        return QString();
    return out;
}

void RebuiltLedger::forget(const recovery::Orphan &orphan)
{
    QJsonObject all = load(m_path);
    all.remove(keyOf(orphan));
    store(m_path, all);
}

} // namespace ui
} // namespace tapedeck
