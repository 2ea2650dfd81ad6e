#include "core/mp4/Sidecar.h"
#include "ui/recovery/OrphanText.h"
#include "ui/recovery/RecoveryPages.h"
#include "ui/recovery/RecoveryWizard.h"

#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <climits>

namespace tapedeck {
namespace ui {

// ---------------------------------------------------------------- Pick

PickPage::PickPage(RecoveryWizard *wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("pickPage"));
    setTitle(tr("Which recordings were lost?"));
    setSubTitle(tr("Drop the files or folders of an interrupted recording here, or add them with the buttons. "
                   "Tapedeck only reads them while it looks; nothing is changed before you say so."));

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("pathList"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // An empty list is shown as a drop zone, so it is clear what to do.
    m_hint = new QLabel(tr("Drop files or folders here\n\nor use the buttons below"), this);
    m_hint->setObjectName(QStringLiteral("dropHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setStyleSheet(QStringLiteral("QLabel { border: 2px dashed palette(mid); border-radius: 8px; "
                                         "color: palette(dark); font-size: 14pt; }"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_hint);
    m_stack->addWidget(m_list);

    auto *addFiles = new QPushButton(QIcon(QStringLiteral(":/icons/add.svg")), tr("Add &files…"), this);
    addFiles->setObjectName(QStringLiteral("addFilesButton"));
    auto *addFolder = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Add f&older…"), this);
    addFolder->setObjectName(QStringLiteral("addFolderButton"));
    m_remove = new QPushButton(QIcon(QStringLiteral(":/icons/remove.svg")), tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removePathButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addFiles);
    buttons->addWidget(addFolder);
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    m_next = new QLabel(this);
    m_next->setObjectName(QStringLiteral("pickHint"));
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_stack, 1);
    lay->addLayout(buttons);
    lay->addWidget(m_next);

    connect(addFiles, &QPushButton::clicked, this, &PickPage::browseFiles);
    connect(addFolder, &QPushButton::clicked, this, &PickPage::browseFolder);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        QStringList paths;
        for (QListWidgetItem *it : m_list->selectedItems())
            paths << it->data(Qt::UserRole).toString();
        m_wizard->removePaths(paths);
    });
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(m_wizard, &RecoveryWizard::pathsChanged, this, &PickPage::refresh);
    refresh();
}

void PickPage::refresh()
{
    m_list->clear();
    for (const QString &p : m_wizard->paths()) {
        const QFileInfo fi(p);
        auto *it = new QListWidgetItem(m_list);
        it->setData(Qt::UserRole, p);
        it->setIcon(style()->standardIcon(fi.isDir() ? QStyle::SP_DirIcon : QStyle::SP_FileIcon));
        const QString where = QDir::toNativeSeparators(fi.absolutePath());
        it->setText(fi.isDir() ? tr("%1 — a folder, with everything in it (in %2)").arg(fi.fileName(), where)
                               : tr("%1 (in %2)").arg(OrphanText::pathName(p), where));
        if (!fi.exists())
            it->setText(tr("%1 — not found (in %2)").arg(fi.fileName(), where));
        it->setToolTip(QDir::toNativeSeparators(p));
    }
    m_stack->setCurrentWidget(m_list->count() == 0 ? static_cast<QWidget *>(m_hint) : m_list);
    m_next->setText(m_list->count() == 0 ? QString() : tr("Press Next to look at them. More can be dropped or added."));
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
    emit completeChanged();
}

bool PickPage::isComplete() const { return !m_wizard->paths().isEmpty(); }

void PickPage::browseFiles()
{
    // Opened window-modal with open(): no nested event loop.
    auto *d = new QFileDialog(this, tr("Add files"), QDir::homePath());
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setFileMode(QFileDialog::ExistingFiles);
    d->setNameFilters({tr("Recordings and their parts (*.mp4.* *.h264 *.aac *.ts *.flv *.mp4)"), tr("All files (*)")});
    connect(d, &QFileDialog::filesSelected, m_wizard, &RecoveryWizard::addPaths);
    d->open();
}

void PickPage::browseFolder()
{
    auto *d = new QFileDialog(this, tr("Add a folder"), QDir::homePath());
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setFileMode(QFileDialog::Directory);
    d->setOption(QFileDialog::ShowDirsOnly, true);
    connect(d, &QFileDialog::filesSelected, m_wizard, &RecoveryWizard::addPaths);
    d->open();
}

// ---------------------------------------------------------------- Scan

namespace {

QTreeWidgetItem *orphanRow(const recovery::Orphan &o, QTreeWidgetItem *parent)
{
    auto *it = new QTreeWidgetItem(parent);
    it->setText(0, OrphanText::displayName(o));
    it->setText(1, OrphanText::kind(o.kind));
    it->setText(2, o.rebuildable() || o.verdict == recovery::Verdict::InUse ? OrphanText::rebuildable(o) : o.reason);
    it->setText(3, OrphanText::duration(o.durationSec));
    it->setText(4, OrphanText::size(o.sizeBytes));
    it->setText(5, OrphanText::tracks(o));
    QStringList tip{o.reason};
    tip << o.notes;
    tip << OrphanText::tr("Files:") << o.files;
    for (int c = 0; c < 6; ++c)
        it->setToolTip(c, tip.join(QLatin1Char('\n')));
    it->setIcon(0, OrphanText::icon(o));
    return it;
}

} // namespace

ScanPage::ScanPage(RecoveryWizard *wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("scanPage"));
    setTitle(tr("Looking for recordings"));
    setSubTitle(tr("Tapedeck reads the files to find out what each one is and how much of it can be rebuilt."));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("scanProgress"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("scanStatus"));
    m_status->setWordWrap(true);
    m_cancel = new QPushButton(tr("&Stop looking"), this);
    m_cancel->setObjectName(QStringLiteral("cancelScanButton"));
    m_rescan = new QPushButton(tr("&Look again"), this);
    m_rescan->setObjectName(QStringLiteral("rescanButton"));
    m_rescan->hide();

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("scanTree"));
    m_tree->setHeaderLabels(
        {tr("Name"), tr("Kind"), tr("What can be rebuilt"), tr("Duration"), tr("Size"), tr("Tracks")});
    m_tree->setRootIsDecorated(true);
    m_tree->header()->setStretchLastSection(true);
    // Details wrap instead of being cut ("moov before mdat (rese…").
    m_tree->setWordWrap(true);
    m_tree->setUniformRowHeights(false);
    m_tree->setTextElideMode(Qt::ElideNone);

    auto *row = new QHBoxLayout;
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancel);
    row->addWidget(m_rescan);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(row);
    lay->addWidget(m_status);
    lay->addWidget(m_tree, 1);

    connect(m_cancel, &QPushButton::clicked, this, &ScanPage::cancelScan);
    connect(m_rescan, &QPushButton::clicked, this, &ScanPage::startScan);
}

void ScanPage::initializePage() { startScan(); }

void ScanPage::cleanupPage()
{
    // Back to the list: whatever the old scan finds no longer matters.
    retireScanner();
    m_scanning = false;
}

void ScanPage::retireScanner()
{
    if (!m_scanner)
        return;
    recovery::Scanner *old = m_scanner.release();
    disconnect(old, nullptr, this, nullptr);
    if (!old->isRunning()) {
        delete old;
        return;
    }
    // Joining a scan that is still reading a file would freeze the window:
    // it is told to stop and deletes itself once it has.
    old->cancel();
    old->setParent(this);
    connect(old, &recovery::Scanner::finished, old, &QObject::deleteLater);
}

void ScanPage::startScan()
{
    // A fresh scanner each time; the old one (if any) stops on its own.
    retireScanner();
    m_scanner = std::make_unique<recovery::Scanner>();
    connect(m_scanner.get(), &recovery::Scanner::progress, this, &ScanPage::onProgress);
    connect(m_scanner.get(), &recovery::Scanner::finished, this, &ScanPage::onFinished);
    m_scanning = true;
    m_done = false;
    m_anyRebuildable = false;
    m_tree->clear();
    m_progress->setRange(0, 0); // busy until the files are counted
    m_status->setText(tr("Looking through %n item(s)…", nullptr, int(m_wizard->paths().size())));
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_rescan->hide();
    emit completeChanged();
    recovery::ScanParams params;
    params.paths = m_wizard->paths(); // the scanner completes sidecar sets itself
    m_scanner->start(params);
}

void ScanPage::cancelScan()
{
    if (!m_scanning || !m_scanner)
        return;
    m_scanner->cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("Stopping…"));
}

bool ScanPage::isComplete() const { return m_done && m_anyRebuildable; }

void ScanPage::onProgress(qint64 done, qint64 total)
{
    m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
    m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
    m_status->setText(tr("Looked at %1 of %2 files…").arg(done).arg(total));
}

void ScanPage::onFinished(const recovery::ScanResult &result)
{
    m_scanning = false;
    m_cancel->hide();
    if (result.cancelled) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_status->setText(tr("Stopped. Nothing was changed; look again when you are ready."));
        m_rescan->show();
        emit completeChanged();
        return;
    }
    m_wizard->setScanResult(result);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);

    int rebuildable = 0;
    auto *found = new QTreeWidgetItem(m_tree);
    for (const recovery::Orphan &o : result.orphans) {
        orphanRow(o, found);
        rebuildable += o.rebuildable() ? 1 : 0;
    }
    found->setText(0, tr("Recordings (%n)", nullptr, int(result.orphans.size())));
    found->setExpanded(true);
    if (!result.inUse.empty()) {
        // Another process records (or recovers) these right now: shown so the
        // user knows they were seen, never offered for rebuilding.
        auto *busy = new QTreeWidgetItem(m_tree);
        busy->setData(0, Qt::UserRole, QStringLiteral("inUse"));
        busy->setText(0, tr("In use by another process, left alone (%n)", nullptr, int(result.inUse.size())));
        for (const recovery::Orphan &o : result.inUse) {
            QTreeWidgetItem *it = orphanRow(o, busy);
            it->setFlags(it->flags() & ~(Qt::ItemIsSelectable | Qt::ItemIsUserCheckable));
        }
        busy->setExpanded(true);
    }
    if (!result.notRecordings.empty()) {
        auto *others = new QTreeWidgetItem(m_tree);
        others->setText(0, tr("Not recordings, left alone (%n)", nullptr, int(result.notRecordings.size())));
        for (const recovery::Orphan &o : result.notRecordings) {
            QTreeWidgetItem *it = orphanRow(o, others);
            it->setText(1, OrphanText::kind(recovery::OrphanKind::NotRecording));
            it->setText(3, QString());
            it->setText(5, QString());
        }
        others->setExpanded(true);
    }
    if (!result.errors.isEmpty()) {
        auto *errors = new QTreeWidgetItem(m_tree);
        errors->setText(0, tr("Could not be read (%n)", nullptr, int(result.errors.size())));
        for (const QString &e : result.errors) {
            auto *it = new QTreeWidgetItem(errors);
            it->setText(0, e);
            it->setFirstColumnSpanned(true);
        }
        errors->setExpanded(true);
    }
    for (int c = 0; c < 5; ++c)
        m_tree->resizeColumnToContents(c);
    // A long reason must not push size and duration out of sight; the
    // tooltip has it whole.
    m_tree->setColumnWidth(2, std::min(m_tree->columnWidth(2), 380));

    m_anyRebuildable = rebuildable > 0;
    m_done = true;
    QString text = tr("Found %n recording(s) that can be rebuilt", nullptr, rebuildable);
    if (result.healthyFiles > 0)
        text += QStringLiteral("; ") + tr("%n complete file(s) need nothing", nullptr, int(result.healthyFiles));
    text += QLatin1Char('.');
    if (rebuildable == 0)
        text += QLatin1Char(' ') + tr("There is nothing to rebuild here. Go back to add other files or folders.");
    m_status->setText(text);
    emit completeChanged();
}

} // namespace ui
} // namespace tapedeck
