#include "ui/PlayerDialog.h"
#include "ui/recovery/OrphanText.h"
#include "ui/recovery/RecoveryPages.h"
#include "ui/recovery/RecoveryWizard.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>

#include <algorithm>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tapedeck {
namespace ui {

namespace {

enum Column { NameCol, StatusCol, ProgressCol };

// The files a rebuild writes while it works, by the engine's output rules
// (Recover.h): a temporary X.recovering.<run>.mp4 (and, for raw streams, the
// MP4 writer's own X.recovering.<run>.mp4.mdat), then the final name. Their
// growth is the only progress the engine shows from outside. The temporary
// names are unique per run, so they are watched by their prefix (an entry
// ending in ".recovering.").
QStringList growingFiles(const RebuildItem &item)
{
    const QString planned = recovery::plannedOutput(item.orphan, item.options);
    if (planned.isEmpty())
        return {};
    const QString dir = item.options.outDir.isEmpty() ? QFileInfo(item.orphan.target).absolutePath()
                                                      : QDir(item.options.outDir).absolutePath();
    const QString tempPrefix =
        dir + QLatin1Char('/') + QFileInfo(item.orphan.target).completeBaseName() + QStringLiteral(".recovering.");
    QStringList out{tempPrefix};
    if (!QFileInfo::exists(planned))
        out << planned;
    return out;
}

// The engine says "cancelled" when the stop flag ended an item mid-way.
bool stoppedMidway(const recovery::RecoverOutcome &o, bool jobCancelled)
{
    return jobCancelled && !o.ok && o.error == QLatin1String("cancelled");
}

QString plainError(const recovery::RecoverOutcome &o, bool cancelled)
{
    if (cancelled)
        return RebuildPage::tr("Stopped before it was finished. Nothing was written and the original files "
                               "are untouched.");
    return RebuildPage::tr("Could not be rebuilt: %1. The original files are untouched.").arg(o.error);
}

} // namespace

// ---------------------------------------------------------------- Rebuild

RebuildPage::RebuildPage(RecoveryWizard *wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("rebuildPage"));
    setTitle(tr("Rebuilding"));
    setSubTitle(tr("The recordings are rebuilt one after another. You can keep using Tapedeck meanwhile, "
                   "or close this window: you will be told when it is done."));
    m_overall = new QProgressBar(this);
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("rebuildStatus"));
    m_status->setWordWrap(true);
    m_cancel = new QPushButton(tr("&Stop"), this);
    m_cancel->setObjectName(QStringLiteral("cancelRebuildButton"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("rebuildTree"));
    m_tree->setHeaderLabels({tr("Recording"), tr("Status"), tr("Progress")});
    m_tree->setRootIsDecorated(false);
    m_poll = new QTimer(this);
    m_poll->setInterval(250);

    auto *row = new QHBoxLayout;
    row->addWidget(m_overall, 1);
    row->addWidget(m_cancel);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(row);
    lay->addWidget(m_status);
    lay->addWidget(m_tree, 1);

    RebuildJob *job = m_wizard->job();
    connect(job, &RebuildJob::itemStarted, this, &RebuildPage::onItemStarted);
    connect(job, &RebuildJob::itemProgress, this, &RebuildPage::onItemProgress);
    connect(job, &RebuildJob::itemFinished, this, &RebuildPage::onItemFinished);
    connect(job, &RebuildJob::finished, this, &RebuildPage::onFinished);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_wizard->job()->cancel();
        m_cancel->setEnabled(false);
        m_status->setText(tr("Stopping after the current step…"));
    });
    connect(m_poll, &QTimer::timeout, this, &RebuildPage::pollProgress);
}

void RebuildPage::initializePage()
{
    const std::vector<RebuildItem> plan = m_wizard->plan();
    m_tree->clear();
    m_bars.clear();
    m_watch.clear();
    m_expected.clear();
    m_engineProgress.clear();
    m_current = -1;
    m_finishedCount = 0;
    m_done = false;
    for (const RebuildItem &item : plan) {
        auto *it = new QTreeWidgetItem(m_tree);
        it->setText(NameCol, OrphanText::displayName(item.orphan));
        it->setText(StatusCol, tr("Waiting"));
        auto *bar = new QProgressBar(m_tree);
        bar->setRange(0, 100);
        bar->setValue(0);
        m_tree->setItemWidget(it, ProgressCol, bar);
        m_bars.push_back(bar);
        m_watch.push_back(growingFiles(item));
        m_expected.push_back(item.orphan.rebuildBytes > 0 ? item.orphan.rebuildBytes : item.orphan.sizeBytes);
        m_engineProgress.push_back(false);
    }
    m_tree->resizeColumnToContents(NameCol);
    m_tree->setColumnWidth(NameCol, m_tree->columnWidth(NameCol) + 32); // room for the result icon
    // The status gets 360 px where there is room; on a small screen the
    // progress column keeps enough to show its bar and percentage.
    const int room = m_wizard->width() - 80 - m_tree->columnWidth(NameCol) - 140;
    m_tree->setColumnWidth(StatusCol, std::clamp(room, 160, 360));
    m_overall->setRange(0, int(plan.size()));
    m_overall->setValue(0);
    m_cancel->setEnabled(true);
    m_cancel->show();
    m_status->setText(tr("Starting…"));
    emit completeChanged();
    m_wizard->job()->start(plan);
    m_poll->start();
}

bool RebuildPage::isComplete() const { return m_done; }

void RebuildPage::onItemStarted(int index)
{
    m_current = index;
    if (QTreeWidgetItem *it = m_tree->topLevelItem(index)) {
        it->setText(StatusCol, tr("Rebuilding…"));
        m_tree->scrollToItem(it);
    }
    m_bars[size_t(index)]->setRange(0, 0); // busy until the output grows
    m_status->setText(tr("Rebuilding %1 (%2 of %3)…")
                          .arg(m_tree->topLevelItem(index)->text(NameCol))
                          .arg(index + 1)
                          .arg(m_tree->topLevelItemCount()));
}

void RebuildPage::onItemProgress(int index, int permille)
{
    if (index < 0 || size_t(index) >= m_bars.size())
        return;
    m_engineProgress[size_t(index)] = true;
    QProgressBar *bar = m_bars[size_t(index)];
    bar->setRange(0, 1000);
    // 100 % is shown when the item has finished (checked and renamed), not before.
    bar->setValue(std::min(permille, 999));
}

void RebuildPage::pollProgress()
{
    if (m_current < 0 || size_t(m_current) >= m_bars.size() || m_engineProgress[size_t(m_current)])
        return;
    qint64 written = 0;
    for (const QString &f : m_watch[size_t(m_current)]) {
        if (!f.endsWith(QLatin1String(".recovering."))) {
            written = std::max(written, QFileInfo(f).size());
            continue;
        }
        const QFileInfo prefix(f);
        for (const QFileInfo &e : QDir(prefix.absolutePath()).entryInfoList(QDir::Files))
            if (e.fileName().startsWith(prefix.fileName()))
                written = std::max(written, e.size());
    }
    const qint64 expected = m_expected[size_t(m_current)];
    QProgressBar *bar = m_bars[size_t(m_current)];
    if (written > 0 && expected > 0) {
        bar->setRange(0, 100);
        bar->setValue(int(std::min<qint64>(99, written * 100 / expected)));
    }
}

void RebuildPage::onItemFinished(int index)
{
    const RebuildItemResult &r = m_wizard->job()->results()[size_t(index)];
    QTreeWidgetItem *it = m_tree->topLevelItem(index);
    QProgressBar *bar = m_bars[size_t(index)];
    bar->setRange(0, 100);
    if (r.outcome.ok && r.outcome.cleared) {
        bar->setValue(100);
        it->setText(StatusCol, tr("Nothing was recorded in it: removed"));
    } else if (r.outcome.ok) {
        bar->setValue(100);
        it->setText(StatusCol, tr("Rebuilt: %1").arg(QFileInfo(r.outcome.output).fileName()));
        it->setIcon(NameCol, QIcon(QStringLiteral(":/icons/play.svg")));
    } else {
        bar->setValue(0);
        it->setText(StatusCol, plainError(r.outcome, stoppedMidway(r.outcome, m_wizard->job()->isCancelled())));
        it->setIcon(NameCol, style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
    it->setToolTip(StatusCol, (QStringList{it->text(StatusCol)} + r.outcome.notes).join(QLatin1Char('\n')));
    if (index == m_current)
        m_current = -1;
    m_overall->setValue(++m_finishedCount);
}

void RebuildPage::onFinished(bool cancelled)
{
    m_poll->stop();
    m_current = -1;
    m_cancel->hide();
    m_done = true;
    int ok = 0, failed = 0;
    const std::vector<RebuildItemResult> &results = m_wizard->job()->results();
    for (size_t i = 0; i < results.size(); ++i) {
        if (!results[i].started) {
            if (QTreeWidgetItem *it = m_tree->topLevelItem(int(i)))
                it->setText(StatusCol, tr("Not rebuilt: stopped before its turn"));
            continue;
        }
        if (results[i].outcome.ok)
            ++ok;
        else if (!stoppedMidway(results[i].outcome, cancelled))
            ++failed; // a stop is not a failure
    }
    m_status->setText(cancelled ? tr("Stopped.") : tr("Done."));
    emit completeChanged();
    m_wizard->rebuildFinished(ok, failed, cancelled);
}

// ---------------------------------------------------------------- Done

DonePage::DonePage(RecoveryWizard *wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("donePage"));
    setTitle(tr("Done"));
    setSubTitle(tr("Here is what became of each recording."));
    setFinalPage(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("doneSummary"));
    m_summary->setWordWrap(true);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("resultTree"));
    m_tree->setHeaderLabels({tr("Recording"), tr("Result"), tr("Duration")});
    m_tree->setRootIsDecorated(true);
    m_tree->header()->setStretchLastSection(false);
    m_play = new QPushButton(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Play"), this);
    m_play->setObjectName(QStringLiteral("playButton"));
    m_show = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Show in &folder"), this);
    m_show->setObjectName(QStringLiteral("showInFolderButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_play);
    buttons->addWidget(m_show);
    // Said when no file manager opens (a bare window manager has none).
    auto *noFileManager = new QLabel(this);
    noFileManager->setObjectName(QStringLiteral("showInFolderProblem"));
    noFileManager->setWordWrap(true);
    noFileManager->setTextInteractionFlags(Qt::TextSelectableByMouse);
    noFileManager->hide();
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_summary);
    lay->addWidget(m_tree, 1);
    lay->addWidget(noFileManager);
    lay->addLayout(buttons);

    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &DonePage::updateButtons);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (m_play->isEnabled())
            m_play->click();
    });
    connect(m_play, &QPushButton::clicked, this, [this] {
        const QString file = selectedOutput();
        if (file.isEmpty())
            return;
        PlayerDialog *player = m_wizard->player();
        player->show();
        player->raise();
        player->play(file);
    });
    connect(m_show, &QPushButton::clicked, this, [this, noFileManager] {
        const QString file = selectedOutput();
        if (file.isEmpty())
            return;
        const QString folder = QFileInfo(file).absolutePath();
        const bool opened = m_wizard->openUrl(QUrl::fromLocalFile(folder));
        noFileManager->setText(
            opened
                ? QString()
                : tr("No file manager could be opened here. The file is in %1").arg(QDir::toNativeSeparators(folder)));
        noFileManager->setVisible(!opened);
    });
}

void DonePage::initializePage()
{
    m_tree->clear();
    const std::vector<RebuildItem> plan = m_wizard->plan();
    const std::vector<RebuildItemResult> &results = m_wizard->job()->results();
    const bool cancelled = m_wizard->job()->isCancelled();
    int ok = 0, failed = 0, skipped = 0;
    QTreeWidgetItem *first = nullptr;
    for (size_t i = 0; i < plan.size() && i < results.size(); ++i) {
        const RebuildItemResult &r = results[i];
        auto *it = new QTreeWidgetItem(m_tree);
        it->setText(0, OrphanText::displayName(plan[i].orphan));
        if (r.outcome.ok && r.outcome.cleared) {
            ++ok;
            it->setText(1,
                        r.outcome.removed.isEmpty()
                            ? tr("Nothing was recorded in it; kept as it is.")
                            : tr("Nothing was recorded in it; its leftover files were removed."));
            if (!r.outcome.removed.isEmpty())
                it->setToolTip(1, r.outcome.removed.join(QLatin1Char('\n')));
        } else if (r.outcome.ok) {
            ++ok;
            it->setData(0, Qt::UserRole, r.outcome.output);
            it->setText(1, tr("Rebuilt as %1").arg(QDir::toNativeSeparators(r.outcome.output)));
            it->setText(2, OrphanText::duration(r.outcome.durationSec));
            it->setIcon(0, QIcon(QStringLiteral(":/icons/play.svg")));
            if (!r.outcome.removed.isEmpty())
                it->setToolTip(
                    1, tr("The original files were removed:\n%1").arg(r.outcome.removed.join(QLatin1Char('\n'))));
            if (!first)
                first = it;
        } else if (!r.started) {
            ++skipped;
            it->setText(1, tr("Not rebuilt: stopped before its turn. The original files are untouched."));
        } else {
            (stoppedMidway(r.outcome, cancelled) ? skipped : failed)++;
            it->setText(1, plainError(r.outcome, stoppedMidway(r.outcome, cancelled)));
            it->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        }
        for (const QString &note : r.outcome.notes) {
            auto *n = new QTreeWidgetItem(it);
            n->setText(1, note);
            n->setFlags(n->flags() & ~Qt::ItemIsSelectable);
        }
    }
    // Everything that was found but not rebuilt is named too, so nothing
    // seems to have vanished.
    const recovery::ScanResult &scan = m_wizard->scanResult();
    QStringList planned;
    for (const RebuildItem &item : plan)
        planned << item.orphan.target;
    std::vector<std::pair<const recovery::Orphan *, QString>> left;
    for (const recovery::Orphan &o : scan.orphans)
        if (!planned.contains(o.target))
            left.emplace_back(&o,
                              o.rebuildable() ? tr("Not chosen, not touched.")
                                              : tr("Cannot be rebuilt, not touched: %1").arg(o.reason));
    for (const recovery::Orphan &o : scan.notRecordings)
        left.emplace_back(&o, tr("Not a recording, not touched: %1").arg(o.reason));
    if (!left.empty()) {
        auto *others = new QTreeWidgetItem(m_tree);
        others->setText(0, tr("Left alone (%n)", nullptr, int(left.size())));
        others->setFlags(others->flags() & ~Qt::ItemIsSelectable);
        others->setExpanded(true);
        for (const auto &[o, why] : left) {
            auto *n = new QTreeWidgetItem(others);
            n->setText(0, OrphanText::displayName(*o));
            n->setText(1, why);
            n->setToolTip(1, why);
            n->setIcon(0, OrphanText::icon(*o));
            n->setFlags(n->flags() & ~Qt::ItemIsSelectable);
        }
    }
    m_tree->resizeColumnToContents(0);
    m_tree->setColumnWidth(1, 480);

    QStringList lines;
    lines << tr("%n recording(s) rebuilt.", nullptr, ok);
    if (failed > 0)
        lines << tr("%n could not be rebuilt; the reason is shown beside each.", nullptr, failed);
    if (skipped > 0)
        lines << tr("%n not rebuilt because you stopped.", nullptr, skipped);
    if (ok > 0)
        lines << tr("Select a recording to play it or show it in its folder.");
    m_summary->setText(lines.join(QLatin1Char(' ')));
    if (first)
        m_tree->setCurrentItem(first);
    updateButtons();
}

QString DonePage::selectedOutput() const
{
    QTreeWidgetItem *it = m_tree->currentItem();
    return it ? it->data(0, Qt::UserRole).toString() : QString();
}

void DonePage::updateButtons()
{
    const bool have = !selectedOutput().isEmpty();
    m_play->setEnabled(have);
    m_show->setEnabled(have);
}

} // namespace ui
} // namespace tapedeck
