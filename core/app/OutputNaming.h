#pragma once
// Output file names built from a pattern and a stream name. A stream name is
// untrusted (it comes from a URL or a remote server): it can never leave the
// output folder, name a device, or hide as a dot-file.

#include "core/base/Result.h"

#include <QDateTime>
#include <QString>

namespace tapedeck {

// Makes one safe file-name component: no separators, no "..", no control
// characters, no Windows device names (CON, NUL, COM1...), no leading dots or
// trailing dots/spaces, at most `maxLength` characters. Never empty.
QString sanitizeFileName(const QString &name, int maxLength = 100);

// The stream name of a source: "cam1" for rtmp://host/live/cam1, the file's
// base name for a local file, "demo" for the demo. Not sanitized.
QString streamNameOf(const QString &source);

// The pattern used when the user has not chosen one.
inline constexpr const char *kDefaultFileNamePattern = "{source}_{date}_{time}";

// Expands {source}, {date}, {time} and {datetime} in `pattern` into one safe
// file-name component (sanitizeFileName): what the desktop app previews and
// what every front end records to.
QString expandFileNamePattern(const QString &pattern, const QString &sourceName, const QDateTime &when);

// Expands {source}, {date} (yyyy-MM-dd), {time} (HH-mm-ss) and {datetime}
// in `pattern`, sanitizes the result and joins it to `folder`. The result is
// the output base (no extension) and is guaranteed to lie inside `folder`.
Result<QString> buildOutputBase(const QString &folder, const QString &pattern, const QString &sourceName,
                                const QDateTime &when = QDateTime::currentDateTime());

} // namespace tapedeck
