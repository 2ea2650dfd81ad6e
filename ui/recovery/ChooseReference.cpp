// The Choose page's rows, and its reference choice for MP4s without index:
// which healthy file (found beside it, or picked by the user) gives the
// layout, or the stream itself. A choice re-plans that orphan at once, so
// the row says whether it can be repaired that way before "Rebuild".

#include "core/recovery/RepairOrphan.h"
#include "ui/recovery/OrphanText.h"
#include "ui/recovery/RecoveryPages.h"
#include "ui/recovery/RecoveryWizard.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QTreeWidget>

namespace tapedeck {
namespace ui {

namespace {
constexpr int OrphanIndexRole = Qt::UserRole + 1;
const QString kStreamItem = QStringLiteral("\x01stream");
const QString kBrowseItem = QStringLiteral("\x01browse");
} // namespace

const recovery::Orphan &ChoosePage::orphanAt(int index) const
{
    const auto it = m_replanned.find(index);
    return it != m_replanned.end() ? it->second : m_wizard->scanResult().orphans[size_t(index)];
}

void ChoosePage::fillRow(QTreeWidgetItem *it, int index)
{
    const recovery::Orphan &o = orphanAt(index);
    it->setData(0, OrphanIndexRole, index);
    it->setText(0, OrphanText::displayName(o));
    it->setText(1, OrphanText::kind(o.kind));
    it->setText(2, o.rebuildable() ? OrphanText::rebuildable(o) : o.reason);
    it->setText(3, QString());
    it->setIcon(0, QIcon());
    QStringList tip{o.reason};
    tip << o.notes;
    it->setToolTip(0, tip.join(QLatin1Char('\n')));
    it->setToolTip(2, tip.join(QLatin1Char('\n')));
    if (o.rebuildable()) {
        it->setFlags(it->flags() | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        it->setCheckState(0, Qt::Checked);
    } else {
        // Shown so nothing silently disappears, but never ticked.
        it->setData(0, Qt::CheckStateRole, QVariant());
        it->setFlags(it->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable));
        it->setText(3, tr("(cannot be rebuilt)"));
        it->setIcon(0, OrphanText::icon(o));
    }
}

void ChoosePage::updateReferences()
{
    while (m_refForm->rowCount() > 0)
        m_refForm->removeRow(0);
    const size_t count = m_wizard->scanResult().orphans.size();
    for (size_t i = 0; i < count; ++i) {
        const recovery::Orphan &o = orphanAt(int(i));
        if (o.kind != recovery::OrphanKind::Mp4NoIndex)
            continue;
        auto *combo = new QComboBox(m_refBox);
        combo->setObjectName(QStringLiteral("referenceCombo%1").arg(i));
        combo->addItem(tr("None: the layout from the stream itself"), kStreamItem);
        QStringList files = o.referenceCandidates;
        if (!o.reference.isEmpty() && !files.contains(o.reference))
            files << o.reference;
        for (const QString &f : files)
            combo->addItem(QFileInfo(f).fileName(), f);
        combo->addItem(tr("Another file…"), kBrowseItem);
        combo->setCurrentIndex(o.reference.isEmpty() ? 0 : combo->findData(o.reference));
        combo->setToolTip(o.layoutSource.isEmpty() ? o.reason : tr("Layout from %1").arg(o.layoutSource));
        const int index = int(i);
        connect(combo, &QComboBox::activated, this, [this, combo, index] {
            const QString data = combo->currentData().toString();
            if (data == kBrowseItem) {
                auto *d = new QFileDialog(this, tr("A healthy file from the same camera or program"));
                d->setAttribute(Qt::WA_DeleteOnClose);
                d->setFileMode(QFileDialog::ExistingFile);
                d->setNameFilter(tr("MP4 and MOV files (*.mp4 *.mov *.m4a *.3gp);;All files (*)"));
                connect(d, &QFileDialog::fileSelected, this,
                        [this, index](const QString &f) { replan(index, f, false); });
                d->open(); // no nested event loop: the choice arrives through fileSelected
                return;
            }
            replan(index, data == kStreamItem ? QString() : data, data == kStreamItem);
        });
        m_refForm->addRow(OrphanText::displayName(o) + QLatin1Char(':'), combo);
    }
    m_refBox->setVisible(m_refForm->rowCount() > 0);
}

void ChoosePage::replan(int index, const QString &reference, bool streamOnly)
{
    recovery::Orphan o = orphanAt(index);
    if (streamOnly)
        recovery::useStreamLayout(o);
    else
        recovery::applyReference(o, reference);
    m_replanned[index] = o;
    m_filling = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, OrphanIndexRole).toInt() == index)
            fillRow(m_tree->topLevelItem(i), index);
    m_filling = false;
    // Rebuilt after this slot returns: the combo that emitted must outlive it.
    QMetaObject::invokeMethod(
        this,
        [this] {
            updateReferences();
            updateFrameRates();
            emit completeChanged();
        },
        Qt::QueuedConnection);
}

} // namespace ui
} // namespace tapedeck
