#pragma once

#include <QString>

namespace tapedeck {

// What a reader concluded about something left on disk: a sidecar set (the
// MP4 layer's reader uses the first four), any orphan (recovery adds the
// last three). One enum and one set of names for the CLI, JSON and the wizard.
enum class Verdict {
    Complete,      // everything that reached the disk is usable
    Partial,       // a torn tail will be dropped (the normal state after a crash)
    Damaged,       // more than a tail is missing or invalid; what is valid is rebuilt
    Unrecoverable, // a recording, but nothing can be rebuilt (reason says why)
    NotRecording,  // not something Tapedeck rebuilds (reason says why)
    InUse,         // another process records or recovers it right now: left alone
    Empty,         // a recording's files that hold no media at all (stopped, or the
                   // power cut, before its first frame): recovery clears them away
};

// "complete", "partial", "damaged", "unrecoverable", "not-a-recording", "in-use", "empty"
QString verdictName(Verdict v);

} // namespace tapedeck
