#pragma once
// What the wizard rebuilt while keeping the originals. Without it the same
// orphan is offered again at every start ("1 recording was not closed
// properly") although its rebuilt file sits beside it. A set is "already
// rebuilt" while its files are unchanged (same names, sizes and times) and
// the rebuilt file still exists with the size it had.
// Kept as a small JSON file beside the settings file: no secrets, only paths
// the user's recordings already have.

#include "core/recovery/Orphan.h"

#include <QString>

namespace tapedeck {
namespace ui {

class RebuiltLedger {
public:
    explicit RebuiltLedger(QString path) : m_path(std::move(path)) {}

    void remember(const recovery::Orphan &orphan, const QString &output);
    // The rebuilt file of an unchanged set, or empty. The set's originals are
    // its files but that one.
    QString rebuiltAs(const recovery::Orphan &orphan) const;
    void forget(const recovery::Orphan &orphan);

    QString path() const { return m_path; }

private:
    QString m_path;
};

} // namespace ui
} // namespace tapedeck
