#pragma once
// How an orphan is put into words for the wizard. The engine's own reason
// and notes stay as they are; these are the short labels around them.

#include "core/recovery/Orphan.h"

#include <QIcon>
#include <QObject>
#include <QString>

namespace tapedeck {
namespace ui {

// A QObject only for tr() with the same context lupdate sees; never instantiated.
class OrphanText : public QObject {
    Q_OBJECT
public:
    static QString kind(recovery::OrphanKind k);
    static QString tracks(const recovery::Orphan &o);
    static QString duration(double seconds);
    static QString size(qint64 bytes);
    // "What can be rebuilt", one short sentence.
    static QString rebuildable(const recovery::Orphan &o);
    // The name shown in lists: the file the recording should have become.
    static QString displayName(const recovery::Orphan &o);
    // A file the user (or a notice) handed over, named as the recording it
    // belongs to: "crash2 — an unfinished MP4 recording".
    static QString pathName(const QString &path);
    // Raw H.264 whose frame rate neither the stream nor a neighbour told.
    static bool needsFrameRate(const recovery::Orphan &o);
    // Rebuildable, a recording that cannot be rebuilt, or not a recording.
    static QIcon icon(const recovery::Orphan &o);
};

} // namespace ui
} // namespace tapedeck
