#include "core/app/OutputNaming.h"

#include "core/source/Source.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace tapedeck {

QString sanitizeFileName(const QString &name, int maxLength)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c == u'/' || c == u'\\' || c == u':' || c == u'*' || c == u'?' || c == u'"'
            || c == u'<' || c == u'>' || c == u'|' || c.unicode() == 0x7f)
            out += u'_';
        else
            out += c;
    }
    out.replace(QStringLiteral(".."), QStringLiteral("_"));
    while (out.startsWith(u'.') || out.startsWith(u' ') || out.startsWith(u'-'))
        out[0] = u'_';
    while (out.endsWith(u'.') || out.endsWith(u' '))
        out.chop(1);
    static const QRegularExpression device(QStringLiteral("^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?$"),
                                           QRegularExpression::CaseInsensitiveOption);
    if (device.match(out).hasMatch())
        out.prepend(u'_');
    if (out.size() > maxLength)
        out.truncate(maxLength);
    if (out.isEmpty())
        out = QStringLiteral("recording");
    return out;
}

QString streamNameOf(const QString &source)
{
    if (isDemoSpec(source))
        return QStringLiteral("demo");
    if (!source.contains(QStringLiteral("://")))
        return QFileInfo(source).completeBaseName();
    QString s = source;
    const int q = s.indexOf(u'?');
    if (q >= 0)
        s.truncate(q);
    const int scheme = s.indexOf(QStringLiteral("://"));
    QString rest = s.mid(scheme + 3);
    const int slash = rest.indexOf(u'/');
    QString host = slash >= 0 ? rest.left(slash) : rest;
    const int at = host.lastIndexOf(u'@');
    if (at >= 0)
        host = host.mid(at + 1);
    QString path = slash >= 0 ? rest.mid(slash + 1) : QString();
    while (path.endsWith(u'/'))
        path.chop(1);
    QString last = path.section(u'/', -1);
    if (last.endsWith(QStringLiteral(".m3u8")))
        last = path.section(u'/', -2, -2).isEmpty() ? last.chopped(5) : path.section(u'/', -2, -2);
    return last.isEmpty() ? host : last;
}

QString expandFileNamePattern(const QString &pattern, const QString &sourceName, const QDateTime &when)
{
    QString name = pattern.trimmed().isEmpty() ? QString::fromLatin1(kDefaultFileNamePattern) : pattern;
    name.replace(QStringLiteral("{source}"),
                 sanitizeFileName(sourceName.isEmpty() ? QStringLiteral("stream") : sourceName, 60));
    name.replace(QStringLiteral("{datetime}"), when.toString(QStringLiteral("yyyy-MM-dd_HH-mm-ss")));
    name.replace(QStringLiteral("{date}"), when.toString(QStringLiteral("yyyy-MM-dd")));
    name.replace(QStringLiteral("{time}"), when.toString(QStringLiteral("HH-mm-ss")));
    return sanitizeFileName(name, 150);
}

Result<QString> buildOutputBase(const QString &folder, const QString &pattern, const QString &sourceName,
                                const QDateTime &when)
{
    if (folder.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no output folder"));
    const QString safe = expandFileNamePattern(pattern, sourceName, when);
    const QString dir = QDir::cleanPath(QDir(folder).absolutePath());
    const QString base = QDir::cleanPath(dir + u'/' + safe);
    if (QFileInfo(base).absolutePath() != dir)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("file name would leave the output folder"));
    return base;
}

} // namespace tapedeck
