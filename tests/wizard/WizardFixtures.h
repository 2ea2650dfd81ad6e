#pragma once
// Real material for the wizard's tests: a recording killed with SIGKILL by
// the real CLI, a raw H.264/AAC pair made by ffmpeg, and files that are no
// recording at all.

#include <QByteArray>
#include <QMap>
#include <QString>

namespace wizardtest {

// Runs `tapedeck record demo --type mp4 --chunk 2 --out DIR/BASE`, waits
// until an open chunk's sidecars hold samples, then SIGKILLs it. Returns the
// .mp4.info of the orphaned chunk, or an empty string (with *error).
QString makeKilledRecording(const QString &dir, const QString &base, QString *error);

// ffmpeg: DIR/NAME.mp4.h264 (Annex B, libx264) and DIR/NAME.mp4.aac (ADTS),
// `seconds` long. With `stripTiming` the SPS loses its VUI timing, as many
// cameras write it, so nothing in the stream tells the frame rate.
bool makeRawPair(const QString &dir, const QString &name, int seconds, bool stripTiming, QString *error);

// Removes the VUI timing from every SPS of an Annex B stream.
QByteArray stripSpsTiming(const QByteArray &annexB, bool *changed);

// Every file under `dir` with its size and content hash, to prove nothing changed.
QMap<QString, QByteArray> snapshot(const QString &dir);

} // namespace wizardtest
