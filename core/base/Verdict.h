#pragma once

#include <QString>

namespace tapedeck {

// What a reader concluded about something left on disk: a sidecar set (the
// MP4 layer's reader uses the first four), any orphan (recovery adds the
// last two). One enum and one set of names for the CLI, JSON and the wizard.
enum class Verdict {
    Complete,      // everything that reached the disk is usable
    Partial,       // a torn tail will be dropped (the normal state after a crash)
    Damaged,       // more than a tail is missing or invalid; what is valid is rebuilt
    Unrecoverable, // a recording, but nothing can be rebuilt (reason says why)
    NotRecording,  // not something Tapedeck rebuilds (reason says why)
    InUse,         // another process records or recovers it right now: left alone
};

// "complete", "partial", "damaged", "unrecoverable", "not-a-recording", "in-use"
QString verdictName(Verdict v);

} // namespace tapedeck
