#pragma once
// Expands the user's file-name pattern into a safe file base name.
// Placeholders: {source} {date} (yyyy-MM-dd) {time} (HH-mm-ss) {datetime}.

#include <QDateTime>
#include <QString>

namespace tapedeck {
namespace ui {

// The result is always a single path component: separators, control
// characters and leading dots are replaced, so a hostile source name such as
// "../../x" cannot leave the recordings folder.
QString expandFileNamePattern(const QString &pattern, const QString &sourceName, const QDateTime &when);

// Makes one safe path component out of anything (never empty).
QString safeFileComponent(const QString &text);

} // namespace ui
} // namespace tapedeck
