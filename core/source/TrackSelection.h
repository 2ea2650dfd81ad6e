#pragma once
// Which program and which tracks of a source a recording keeps.
//
// A multiplex (an MPEG-TS with several programs, a file with several audio
// languages) carries more than one wants to record. A selection names one
// program and, per kind of track, which of its tracks to keep; what it does
// not name keeps today's default: the program of the best video stream with
// every video, audio, subtitle and data track of it.
//
// The words of a selection (`--tracks`, the service's "tracks", the desktop
// app's source list) are a comma-separated list of KIND[:WHICH]:
//   KIND  v (video), a (audio), s (subtitles), d (data: SCTE-35, ID3, KLV)
//   WHICH absent: every track of that kind; a number N: the Nth track of that
//         kind in the program (from 0); a language tag (eng, deu, "en"):
//         every track of that kind in that language; "none": no track of it.
// A kind the list does not name keeps all its tracks. "a:eng" therefore
// records the video, the English audio and the subtitles; "v:0,a:1,s:none"
// exactly the first video and the second audio.
//
// Every named track must exist when the source opens, on every connection:
// a selection that no longer matches a returning stream ends the recording
// with a clear error instead of recording other tracks than were asked for.

#include "core/base/Result.h"

#include <QString>
#include <QStringList>

extern "C" {
#include <libavutil/avutil.h>
}

#include <vector>

namespace tapedeck {

struct TrackSelection {
    int program = -1;   // program number (MPEG-TS program_number); -1: the default program
    QStringList tracks; // KIND[:WHICH] items as above; empty: every track of the program

    bool isDefault() const { return program < 0 && tracks.isEmpty(); }
    // "program 2, tracks v:0,a:eng" / "default" — for logs and notes.
    QString describe() const;
    bool operator==(const TrackSelection &o) const = default;
};

// Splits and checks "v:0,a:eng,s:none" (spaces allowed; empty: every track).
Result<QStringList> parseTrackList(const QString &text);
QString trackListText(const QStringList &tracks);

// One track as the selection sees it: its kind, its language and where it
// sits in its source.
struct TrackCandidate {
    int inputIndex = -1; // the demuxer's stream index
    AVMediaType type = AVMEDIA_TYPE_UNKNOWN;
    QString language; // as the source says it ("eng"), may be empty
};

// The input indexes `tracks` keeps of one program's tracks (in their order),
// or an error naming the item that matches nothing and what there is.
// `programName` goes into that error ("program 2", or empty).
Result<std::vector<int>> selectTracks(const std::vector<TrackCandidate> &candidates, const QStringList &tracks,
                                      const QString &programName = QString());

// The item that names this track alone and best survives a reconnect: its
// language when no other track of its kind in the program has it, else
// its number ("a:eng", "a:1", "v:0").
QString trackItemFor(const std::vector<TrackCandidate> &candidates, size_t which);

// The shortest list that keeps exactly `keep` (input indexes) of `candidates`:
// nothing for a kind whose tracks are all kept, "K:none" for a kind with
// none kept, else the items of the kept ones.
QStringList trackListFor(const std::vector<TrackCandidate> &candidates, const std::vector<int> &keep);

// "v", "a", "s", "d" ("" for other kinds).
QString trackKindLetter(AVMediaType type);

} // namespace tapedeck
