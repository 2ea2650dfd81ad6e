#pragma once
// The MP4-without-index repair as an orphan kind: how the scanner describes
// such a file, which reference it picks, and how recovery writes
// X.repaired.mp4 beside it (the broken original is never modified or
// removed, whatever --keep says: it is someone else's recording).

#include "core/recovery/Orphan.h"
#include "core/recovery/Recover.h"

namespace tapedeck::recovery {

// Whether `path` is an MP4/MOV/3GP with media but no usable moov; fills *why.
bool isMp4WithoutIndex(const QString &path, QString *why = nullptr);

// The orphan for such a file. `healthyBeside`: complete MP4/MOV files in the
// same folder (reference candidates); `reference`: forced by the user.
Orphan classifyMp4WithoutIndex(const QString &path, const QStringList &healthyBeside, const QString &reference = {},
                               bool pickAutomatically = true);

// --reference FILE / the wizard's choice: re-plan `o` with that reference;
// an empty `reference` means "from the stream itself, no reference".
void applyReference(Orphan &o, const QString &reference);
void useStreamLayout(Orphan &o);

QString plannedRepairOutput(const Orphan &o, const RecoverOptions &options);
RecoverOutcome recoverMp4WithoutIndex(const Orphan &o, const RecoverOptions &options);

} // namespace tapedeck::recovery
