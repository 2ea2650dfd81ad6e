#include "ui/recovery/OrphanText.h"
#include "ui/recovery/RecoveryPages.h"
#include "ui/recovery/RecoveryWizard.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tapedeck {
namespace ui {

namespace {

constexpr int OrphanIndexRole = Qt::UserRole + 1;

struct Rate {
    int num, den;
    const char *label;
};
// The rates cameras, encoders and streaming software actually use.
constexpr Rate kRates[] = {
    {24000, 1001, "23.976"}, {24, 1, "24"}, {25, 1, "25"},          {30000, 1001, "29.97"},
    {30, 1, "30"},           {50, 1, "50"}, {60000, 1001, "59.94"}, {60, 1, "60"},
};

} // namespace

ChoosePage::ChoosePage(RecoveryWizard *wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("choosePage"));
    setTitle(tr("Choose what to rebuild"));
    setSubTitle(tr("Tick the recordings to rebuild and say where the rebuilt files should go."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Rebuild"));

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("chooseTree"));
    m_tree->setHeaderLabels({tr("Recording"), tr("Kind"), tr("What is rebuilt"), tr("Saved as")});
    m_tree->setRootIsDecorated(false);
    m_tree->header()->setStretchLastSection(true);

    auto *outBox = new QGroupBox(tr("Where to save"), this);
    m_beside = new QRadioButton(tr("&Beside the original files"), outBox);
    m_beside->setObjectName(QStringLiteral("besideOriginalsRadio"));
    m_beside->setChecked(true);
    m_folder = new QRadioButton(tr("In this &folder:"), outBox);
    m_folder->setObjectName(QStringLiteral("outFolderRadio"));
    m_outDir = new QLineEdit(outBox);
    m_outDir->setObjectName(QStringLiteral("outDirEdit"));
    m_outDir->setEnabled(false);
    m_browse = new QPushButton(tr("Bro&wse…"), outBox);
    m_browse->setObjectName(QStringLiteral("outDirBrowseButton"));
    m_browse->setEnabled(false);
    auto *group = new QButtonGroup(outBox);
    group->addButton(m_beside);
    group->addButton(m_folder);
    m_keep = new QCheckBox(tr("&Keep the original files"), outBox);
    m_keep->setObjectName(QStringLiteral("keepOriginalsCheck"));
    auto *keepNote = new QLabel(tr("Without it they are deleted, but only after the rebuilt file has been written "
                                   "completely and opened successfully."),
                                outBox);
    keepNote->setWordWrap(true);
    keepNote->setEnabled(false);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder);
    folderRow->addWidget(m_outDir, 1);
    folderRow->addWidget(m_browse);
    auto *outLay = new QVBoxLayout(outBox);
    outLay->addWidget(m_beside);
    outLay->addLayout(folderRow);
    outLay->addWidget(m_keep);
    outLay->addWidget(keepNote);

    m_fpsBox = new QGroupBox(tr("Frame rate of the video"), this);
    m_fpsBox->setObjectName(QStringLiteral("frameRateBox"));
    m_fpsWhy = new QLabel(tr("A raw H.264 file stores pictures but not when to show them, and these files carry "
                             "no hint of their speed. Choose the rate they were recorded at (the camera's or "
                             "encoder's setting). A wrong rate makes the picture run too fast or too slow and "
                             "drift away from the sound."),
                          m_fpsBox);
    m_fpsWhy->setWordWrap(true);
    m_fpsForm = new QFormLayout;
    auto *fpsLay = new QVBoxLayout(m_fpsBox);
    fpsLay->addWidget(m_fpsWhy);
    fpsLay->addLayout(m_fpsForm);
    m_fpsBox->hide();

    m_refBox = new QGroupBox(tr("Reference file for MP4s without index"), this);
    m_refBox->setObjectName(QStringLiteral("referenceBox"));
    auto *refWhy = new QLabel(tr("An MP4 whose recorder stopped before writing its index is repaired with the layout "
                                 "of a healthy file from the same camera or program, or from the stream itself when "
                                 "it carries its settings."),
                              m_refBox);
    refWhy->setWordWrap(true);
    m_refForm = new QFormLayout;
    auto *refLay = new QVBoxLayout(m_refBox);
    refLay->addWidget(refWhy);
    refLay->addLayout(m_refForm);
    m_refBox->hide();

    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_tree, 1);
    lay->addWidget(m_refBox);
    lay->addWidget(m_fpsBox);
    lay->addWidget(outBox);

    connect(m_tree, &QTreeWidget::itemChanged, this, [this] {
        if (m_filling)
            return;
        updateFrameRates();
        emit completeChanged();
    });
    connect(m_folder, &QRadioButton::toggled, this, [this](bool on) {
        m_outDir->setEnabled(on);
        m_browse->setEnabled(on);
        updatePlannedNames();
        emit completeChanged();
    });
    connect(m_outDir, &QLineEdit::textChanged, this, [this] {
        updatePlannedNames();
        emit completeChanged();
    });
    connect(m_keep, &QCheckBox::toggled, this, &ChoosePage::updatePlannedNames);
    connect(m_browse, &QPushButton::clicked, this, &ChoosePage::browseOutDir);
}

void ChoosePage::initializePage()
{
    m_filling = true;
    m_tree->clear();
    const recovery::ScanResult &scan = m_wizard->scanResult();
    m_replanned.clear();
    for (size_t i = 0; i < scan.orphans.size(); ++i) {
        auto *it = new QTreeWidgetItem(m_tree);
        fillRow(it, int(i));
    }
    m_filling = false;
    for (int c = 0; c < 3; ++c)
        m_tree->resizeColumnToContents(c);
    m_tree->setColumnWidth(2, std::min(m_tree->columnWidth(2), 380)); // the tooltip has long reasons whole
    updateReferences();
    updateFrameRates();
    emit completeChanged();
}

std::vector<int> ChoosePage::checkedOrphans() const
{
    std::vector<int> out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *it = m_tree->topLevelItem(i);
        if ((it->flags() & Qt::ItemIsUserCheckable) && it->checkState(0) == Qt::Checked)
            out.push_back(it->data(0, OrphanIndexRole).toInt());
    }
    return out;
}

QString ChoosePage::outDir() const { return m_folder->isChecked() ? m_outDir->text().trimmed() : QString(); }

void ChoosePage::updateFrameRates()
{
    const recovery::ScanResult &scan = m_wizard->scanResult();
    // Keep choices already made; rebuild the rows for what is ticked now.
    std::vector<int> previous(scan.orphans.size(), -1);
    for (size_t i = 0; i < m_fpsCombos.size() && i < previous.size(); ++i)
        if (m_fpsCombos[i])
            previous[i] = m_fpsCombos[i]->currentIndex();
    while (m_fpsForm->rowCount() > 0)
        m_fpsForm->removeRow(0);
    m_fpsCombos.assign(scan.orphans.size(), nullptr);
    for (int index : checkedOrphans()) {
        const recovery::Orphan &o = orphanAt(index);
        if (!OrphanText::needsFrameRate(o))
            continue;
        auto *combo = new QComboBox(m_fpsBox);
        combo->setObjectName(QStringLiteral("frameRateCombo%1").arg(index));
        combo->addItem(tr("Choose…"));
        for (const Rate &r : kRates)
            combo->addItem(tr("%1 frames per second").arg(QLatin1String(r.label)),
                           QVariant::fromValue(QPoint(r.num, r.den)));
        combo->setCurrentIndex(std::max(0, previous[size_t(index)]));
        connect(combo, &QComboBox::currentIndexChanged, this, &ChoosePage::completeChanged);
        m_fpsForm->addRow(OrphanText::displayName(o) + QLatin1Char(':'), combo);
        m_fpsCombos[size_t(index)] = combo;
    }
    m_fpsBox->setVisible(m_fpsForm->rowCount() > 0);
    updatePlannedNames();
}

void ChoosePage::updatePlannedNames()
{
    recovery::RecoverOptions opt;
    opt.outDir = outDir();
    opt.keep = m_keep->isChecked();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *it = m_tree->topLevelItem(i);
        const recovery::Orphan &o = orphanAt(it->data(0, OrphanIndexRole).toInt());
        if (!o.rebuildable())
            continue;
        const QString planned = recovery::plannedOutput(o, opt);
        it->setText(3, planned.isEmpty() ? tr("(no free name)") : QFileInfo(planned).fileName());
        it->setToolTip(3, QDir::toNativeSeparators(planned));
    }
}

void ChoosePage::browseOutDir()
{
    auto *d = new QFileDialog(this, tr("Save the rebuilt files in"));
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setFileMode(QFileDialog::Directory);
    d->setOption(QFileDialog::ShowDirsOnly, true);
    connect(d, &QFileDialog::fileSelected, m_outDir, &QLineEdit::setText);
    d->open();
}

bool ChoosePage::isComplete() const
{
    const std::vector<int> checked = checkedOrphans();
    if (checked.empty())
        return false;
    if (m_folder->isChecked() && outDir().isEmpty())
        return false;
    for (int index : checked)
        if (size_t(index) < m_fpsCombos.size() && m_fpsCombos[size_t(index)]
            && m_fpsCombos[size_t(index)]->currentIndex() <= 0)
            return false;
    return true;
}

bool ChoosePage::validatePage()
{
    const QString dir = outDir();
    if (!dir.isEmpty() && QFileInfo::exists(dir) && !QFileInfo(dir).isDir()) {
        m_outDir->setFocus();
        m_outDir->setToolTip(tr("This is a file, not a folder."));
        return false;
    }
    std::vector<RebuildItem> plan;
    for (int index : checkedOrphans()) {
        RebuildItem item;
        item.orphan = orphanAt(index);
        item.options.outDir = dir;
        item.options.keep = m_keep->isChecked();
        if (QComboBox *combo = m_fpsCombos[size_t(index)]) {
            const QPoint rate = combo->currentData().toPoint();
            item.options.fpsNum = rate.x();
            item.options.fpsDen = rate.y();
            recovery::applyFrameRateOption(item.orphan, item.options);
        }
        plan.push_back(std::move(item));
    }
    m_wizard->setPlan(std::move(plan));
    return true;
}

} // namespace ui
} // namespace tapedeck
