#include "ui/FileNamePattern.h"

namespace tapedeck {
namespace ui {

QString safeFileComponent(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        const bool bad = c.unicode() < 0x20 || c == u'/' || c == u'\\' || c == u':' || c == u'*' || c == u'?'
                         || c == u'"' || c == u'<' || c == u'>' || c == u'|';
        out.append(bad ? QChar(u'_') : c);
    }
    out = out.trimmed();
    // Leading dots would hide the file or, as "..", climb out of the folder.
    while (out.startsWith(u'.'))
        out[0] = u'_';
    if (out.size() > 180)
        out.truncate(180);
    return out.isEmpty() ? QStringLiteral("recording") : out;
}

QString expandFileNamePattern(const QString &pattern, const QString &sourceName, const QDateTime &when)
{
    QString p = pattern.trimmed().isEmpty() ? QStringLiteral("{source}_{date}_{time}") : pattern;
    const QString date = when.toString(QStringLiteral("yyyy-MM-dd"));
    const QString time = when.toString(QStringLiteral("HH-mm-ss"));
    p.replace(QStringLiteral("{datetime}"), date + u'_' + time);
    p.replace(QStringLiteral("{date}"), date);
    p.replace(QStringLiteral("{time}"), time);
    p.replace(QStringLiteral("{source}"), safeFileComponent(sourceName));
    return safeFileComponent(p);
}

} // namespace ui
} // namespace tapedeck
