#pragma once
// The marks of an MPEG-TS or FLV recording: NAME.ts.marks / NAME.flv.marks
// beside the file (docs/sidecar-format.md, "Marks of TS and FLV files").
//
// An MP4 keeps gaps and the user's markers as chapters; TS and FLV have no
// place for them, so they go to a small text file that belongs to the
// recording (renamed, trashed, deleted and recovered with it). It is written
// append-only, one line per mark, each line synced before the writer goes
// on: a crash or power cut loses at most the line being written, and the
// reader drops a torn or damaged line (each carries its own CRC-32).

#include "core/base/Result.h"
#include "core/io/File.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace tapedeck {

enum class MarkKind { Gap, Marker };

struct Mark {
    qint64 atMs = 0; // from the start of its file
    MarkKind kind = MarkKind::Marker;
    QString title;
    bool operator==(const Mark &) const = default;
};

inline constexpr const char *kMarksSuffix = ".marks";
// The first line of every marks file.
inline constexpr const char *kMarksHeader = "tapedeck-marks 1";
// A reader reads at most this much: a file of ours holds a few lines.
inline constexpr qint64 kMarksMaxBytes = 1 << 20;

// NAME.ts -> NAME.ts.marks
QString marksPathFor(const QString &mediaPath);
// NAME.ts.marks -> NAME.ts (TS and FLV only), empty when `path` is no marks file.
QString mediaPathForMarks(const QString &path);

// One line, newline included.
QByteArray encodeMarkLine(const Mark &m);
// Every whole, intact line of `bytes`; anything else (a torn last line, a
// line whose CRC does not match, a file without the header) is skipped.
std::vector<Mark> parseMarks(const QByteArray &bytes);
// parseMarks() of the file's first kMarksMaxBytes; empty when it is missing.
std::vector<Mark> readMarks(const QString &marksPath);

// Appends marks to one file: created (replacing a stale one) with the first
// mark, each line synced before append() returns.
class MarksWriter {
public:
    explicit MarksWriter(QString marksPath) : m_path(std::move(marksPath)) {}
    Status append(const Mark &m);
    const QString &path() const { return m_path; }
    int count() const { return m_count; }

private:
    QString m_path;
    OutputFile m_file;
    int m_count = 0;
};

} // namespace tapedeck
