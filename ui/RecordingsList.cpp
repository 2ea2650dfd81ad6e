#include "ui/RecordingsList.h"

#include "ui/ActiveRecordingsView.h"

#include <algorithm>

#include <QComboBox>
#include <QSignalBlocker>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace tapedeck {
namespace ui {
namespace {

constexpr int KeyRole = Qt::UserRole + 1;  // the recording's key (top-level rows)
constexpr int PathRole = Qt::UserRole + 2; // the chunk's file (child rows)
constexpr int SortRole = Qt::UserRole + 3;
constexpr int PartRole = Qt::UserRole + 4;   // a chunk's number (child rows)
constexpr int MarkerRole = Qt::UserRole + 5; // a marker's time in its file, ms (marker rows)
constexpr int GapRole = Qt::UserRole + 6;    // a marker row that is a gap in the source (bool)
constexpr QSize kThumbSize(64, 36);

enum Column { NameCol, StartedCol, DurationCol, SizeCol, FormatCol, SourceCol, StateCol, ColumnCount };

// Sorts by the column's sort key, then by name, so chunks stay in order.
class Item : public QTreeWidgetItem {
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        // The parts of a recording always read first to last, whatever
        // the column and direction the recordings are sorted by.
        if (parent() && other.parent()) {
            // Markers (and parts) in time order: a marker row sorts by its time.
            const bool markers = data(NameCol, MarkerRole).isValid() && other.data(NameCol, MarkerRole).isValid();
            const int role = markers ? MarkerRole : PartRole;
            const bool less = data(NameCol, role).toLongLong() < other.data(NameCol, role).toLongLong();
            const bool descending = treeWidget() && treeWidget()->header()->sortIndicatorOrder() == Qt::DescendingOrder;
            return descending ? !less : less;
        }
        const int col = treeWidget() ? treeWidget()->sortColumn() : 0;
        const QVariant a = data(col, SortRole), b = other.data(col, SortRole);
        if (a != b)
            return QVariant::compare(a, b) == QPartialOrdering::Less;
        return text(NameCol) < other.text(NameCol);
    }
};

QString formatName(ContainerType t)
{
    switch (t) {
    case ContainerType::Mp4:
        return QStringLiteral("MP4");
    case ContainerType::MpegTs:
        return QStringLiteral("MPEG-TS");
    case ContainerType::Flv:
        return QStringLiteral("FLV");
    }
    return {};
}

QString thumbKey(const QString &path)
{
    const QFileInfo fi(path);
    return QStringLiteral("%1|%2|%3").arg(path).arg(fi.size()).arg(fi.lastModified().toMSecsSinceEpoch());
}

QIcon placeholderIcon()
{
    QPixmap pm(kThumbSize);
    pm.fill(QColor(0x30, 0x30, 0x30));
    return QIcon(pm);
}

// Everything a row shows, so an unchanged recording is not drawn again.
bool sameListing(const LibraryEntry &a, const LibraryEntry &b)
{
    if (a.state != b.state || a.sizeBytes != b.sizeBytes || a.durationMs != b.durationMs || a.source != b.source
        || a.started != b.started || a.problem != b.problem || a.owner.owner != b.owner.owner
        || a.chunks.size() != b.chunks.size())
        return false;
    for (size_t i = 0; i < a.chunks.size(); ++i) {
        const LibraryChunk &x = a.chunks[i], &y = b.chunks[i];
        if (x.path != y.path || x.sizeBytes != y.sizeBytes || x.durationMs != y.durationMs || x.exists != y.exists
            || x.problem != y.problem || x.owner.owner != y.owner.owner || x.markers != y.markers)
            return false;
    }
    return true;
}

} // namespace

RecordingsList::RecordingsList(QWidget *parent) : QWidget(parent), m_cache(std::make_shared<ProbeCache>())
{
    setObjectName(QStringLiteral("recordingsPage"));
    // Scans and thumbnails one after another: the recorder's own threads and
    // the disk matter more than a fast list.
    m_pool.setMaxThreadCount(1);
    m_jobs.setMaxThreadCount(1);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("libraryFilter"));
    m_filter->setClearButtonEnabled(true);
    m_stateFilter = new QComboBox(this);
    m_stateFilter->setObjectName(QStringLiteral("libraryStateFilter"));
    for (int i = 0; i < 6; ++i)
        m_stateFilter->addItem(QString(), i == 0 ? QVariant() : QVariant(i - 1));

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("recordingsList"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setIconSize(kThumbSize);
    m_tree->setUniformRowHeights(false);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(StartedCol, Qt::DescendingOrder);
    // Long names lose their middle, never the part number at the end.
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *h = m_tree->header();
    h->setStretchLastSection(false);
    h->setSectionResizeMode(NameCol, QHeaderView::Interactive); // fitColumns() gives it the rest
    for (int c : {StartedCol, DurationCol, SizeCol, FormatCol, StateCol})
        h->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(SourceCol, QHeaderView::Interactive);
    h->resizeSection(SourceCol, 160);

    auto button = [this](const char *icon, const char *name) {
        auto *b = new QPushButton(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))), QString(), this);
        b->setObjectName(QLatin1String(name));
        return b;
    };
    m_play = button("play", "playButton");
    m_show = button("folder", "showInFolderButton");
    m_rename = button("edit", "renameButton");
    m_delete = button("remove", "deleteButton");
    m_keep = button("record", "keepButton");
    m_keep->setCheckable(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("libraryMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_webReady = new QAction(this);
    m_webReady->setObjectName(QStringLiteral("webReadyAction"));
    addAction(m_webReady);
    connect(m_webReady, &QAction::triggered, this, &RecordingsList::makeWebReadySelected);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_stateFilter);
    // Keep sits up here: the action row below is as wide as a 640-pixel
    // window allows in German and French already.
    filters->addWidget(m_keep);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_play, m_show, m_rename, m_delete})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(filters);
    lay->addWidget(m_tree, 1);
    lay->addWidget(m_message);
    lay->addLayout(buttons);

    m_tree->viewport()->installEventFilter(this);

    m_watcher = new QFileSystemWatcher(this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300); // a finishing chunk renames and deletes several files at once
    m_livePoll = new QTimer(this);
    // Closing a TS/FLV file changes nothing a watcher sees; the lock goes.
    m_livePoll->setInterval(2000);

    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString &dir) {
        m_dirty.insert(dir);
        m_debounce->start();
    });
    connect(m_debounce, &QTimer::timeout, this, [this] {
        const QSet<QString> dirty = std::exchange(m_dirty, {});
        for (const QString &d : dirty)
            if (m_folders.contains(d) || m_awaited.contains(d))
                startScan(d);
        for (const QString &a : QSet<QString>(m_awaited))
            if (QFileInfo(a).isDir())
                scanFolder(a);
    });
    connect(m_livePoll, &QTimer::timeout, this, [this] {
        QSet<QString> live;
        for (const LibraryEntry &e : std::as_const(m_entries))
            if (e.owner.owned())
                live.insert(e.folder);
        for (const QString &d : std::as_const(live))
            startScan(d);
    });
    connect(m_play, &QPushButton::clicked, this, &RecordingsList::playSelected);
    connect(m_show, &QPushButton::clicked, this, &RecordingsList::showInFolder);
    connect(m_rename, &QPushButton::clicked, this, &RecordingsList::renameSelected);
    connect(m_delete, &QPushButton::clicked, this, &RecordingsList::deleteSelected);
    connect(m_keep, &QPushButton::clicked, this, &RecordingsList::setKeepSelected);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *) { playSelected(); });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, [this] {
        m_message->hide();
        updateButtons();
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_tree->itemAt(pos))
            return;
        QMenu menu(this);
        for (QPushButton *b : {m_play, m_show, m_rename, m_delete, m_keep}) {
            QAction *a = menu.addAction(b->icon(), b->text());
            a->setEnabled(b->isEnabled());
            a->setCheckable(b->isCheckable());
            a->setChecked(b->isChecked());
            connect(a, &QAction::triggered, b, &QPushButton::click);
        }
        const LibraryEntry *e = selectedEntry();
        m_webReady->setEnabled(e && e->format == ContainerType::Mp4 && !m_webReadyRunning
                               && (e->state == LibraryState::Finished || e->state == LibraryState::Recovered));
        menu.addSeparator();
        menu.addAction(m_webReady);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
    connect(m_filter, &QLineEdit::textChanged, this, &RecordingsList::applyFilter);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &RecordingsList::applyFilter);
    retranslate();
    updateButtons();
}

RecordingsList::~RecordingsList()
{
    m_closing = true; // also cancels a web-ready copy: its original stays as it was
    m_pool.clear();
    m_pool.waitForDone();
    m_jobs.waitForDone();
}

bool RecordingsList::eventFilter(QObject *watched, QEvent *e)
{
    if (watched == m_tree->viewport() && e->type() == QEvent::Resize)
        QTimer::singleShot(0, this, &RecordingsList::fitColumns);
    return QWidget::eventFilter(watched, e);
}

void RecordingsList::fitColumns()
{
    // The name gets what the other columns leave; in a small window the
    // columns that matter least go first (the tooltip and the sort keep
    // them), so name, duration, size and state stay on screen.
    const int avail = m_tree->viewport()->width();
    m_tree->setColumnHidden(SourceCol, avail < 900);
    m_tree->setColumnHidden(FormatCol, avail < 780);
    m_tree->setColumnHidden(StartedCol, avail < 640);
    QHeaderView *h = m_tree->header();
    int others = 0;
    for (int c = StartedCol; c < ColumnCount; ++c)
        if (!m_tree->isColumnHidden(c))
            others += h->sectionSize(c);
    // A few pixels spare on the right: the last column ("Endommagé") does not
    // touch the frame.
    h->resizeSection(NameCol, std::max(140, avail - others - 8));
}

void RecordingsList::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void RecordingsList::retranslate()
{
    m_tree->setHeaderLabels({tr("Recording", "column: the recording's name"), tr("Started"), tr("Duration"), tr("Size"),
                             tr("Format"), tr("Source"), tr("State")});
    m_filter->setPlaceholderText(tr("Filter by name or source"));
    const QStringList states{tr("All states"),
                             tr("Recording", "library state"),
                             tr("Finished", "library state"),
                             tr("Recovered", "library state"),
                             tr("Unfinished", "library state"),
                             tr("Damaged", "library state")};
    for (int i = 0; i < states.size(); ++i)
        m_stateFilter->setItemText(i, states[i]);
    m_play->setText(tr("&Play"));
    m_show->setText(tr("Show in &folder"));
    m_rename->setText(tr("&Rename…"));
    m_delete->setText(tr("Move to &Trash…"));
    m_keep->setText(tr("&Keep"));
    m_webReady->setText(tr("Make &web-ready"));
    m_webReady->setToolTip(tr("Move the header of an MP4 in front of its media, so a web server can stream it "
                              "from the start. Nothing is re-encoded."));
    m_keep->setToolTip(tr("Kept recordings are never removed by the retention rules (Settings → Retention)."));
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
        updateItem(it.value(), m_entries.value(it.key()));
}

void RecordingsList::setRecoveredIndexPath(const QString &path)
{
    m_recoveredIndexPath = path;
    for (const QString &f : std::as_const(m_folders))
        startScan(f);
}

void RecordingsList::setKeptIndexPath(const QString &path)
{
    m_keptIndexPath = path;
    m_kept = RecoveredIndex(path).load();
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
        updateItem(it.value(), m_entries.value(it.key()));
    updateButtons();
}

bool RecordingsList::isKept(const LibraryEntry &e) const
{
    const QStringList files = e.allFiles();
    return std::any_of(files.begin(), files.end(), [this](const QString &f) { return m_kept.contains(f); });
}

void RecordingsList::setKeepSelected(bool keep)
{
    const LibraryEntry *e = selectedEntry();
    if (!e || m_keptIndexPath.isEmpty())
        return;
    RecoveredIndex index(m_keptIndexPath);
    if (keep)
        index.add(e->allFiles());
    else
        index.remove(e->allFiles());
    m_kept = index.load();
    if (QTreeWidgetItem *item = m_items.value(e->key))
        updateItem(item, *e);
    updateButtons();
}

void RecordingsList::addFile(const QString &path) { scanFolder(QFileInfo(path).absolutePath()); }

void RecordingsList::scanFolder(const QString &folderIn)
{
    if (folderIn.isEmpty())
        return;
    const QString folder = QFileInfo(folderIn).absoluteFilePath();
    watch(folder);
    startScan(folder);
}

void RecordingsList::watch(const QString &folder)
{
    if (QFileInfo(folder).isDir()) {
        m_awaited.remove(folder);
        if (!m_watcher->directories().contains(folder))
            m_watcher->addPath(folder);
        return;
    }
    // Not there yet (the first recording creates it): watch the nearest
    // folder above that exists, and this one as soon as it appears.
    m_awaited.insert(folder);
    QDir up(folder);
    while (up.cdUp())
        if (up.exists()) {
            if (!m_watcher->directories().contains(up.absolutePath()))
                m_watcher->addPath(up.absolutePath());
            break;
        }
}

QStringList RecordingsList::watchedFolders() const { return m_watcher->directories(); }

void RecordingsList::startScan(const QString &folder)
{
    if (m_scanning.contains(folder)) {
        m_scanAgain.insert(folder); // once more when this one is done: the disk moved meanwhile
        return;
    }
    m_scanning.insert(folder);
    const QString indexPath = m_recoveredIndexPath;
    std::shared_ptr<ProbeCache> cache = m_cache;
    m_pool.start([this, folder, indexPath, cache] {
        if (m_closing)
            return;
        const QSet<QString> recovered = indexPath.isEmpty() ? QSet<QString>() : RecoveredIndex(indexPath).load();
        std::vector<LibraryEntry> entries = scanLibraryFolder(folder, cache.get(), recovered, &m_closing);
        if (m_closing)
            return;
        // The widget waits for this pool before it goes, and a queued call
        // to a deleted receiver is dropped: `this` is safe here.
        QMetaObject::invokeMethod(
            this, [this, folder, entries = std::move(entries)] { applyScan(folder, entries); }, Qt::QueuedConnection);
    });
}

void RecordingsList::applyScan(const QString &folder, const std::vector<LibraryEntry> &entries)
{
    m_scanning.remove(folder);
    m_folders.insert(folder);
    watch(folder); // it may have been created by the recording that just started

    const QString selected = selectedFile();
    const QString selectedKey =
        m_tree->currentItem() ? m_tree->currentItem()->data(NameCol, KeyRole).toString() : QString();
    QSet<QString> seen;
    m_tree->setSortingEnabled(false);
    for (const LibraryEntry &e : entries) {
        seen.insert(e.key);
        QTreeWidgetItem *item = m_items.value(e.key);
        const bool fresh = !item;
        if (fresh) {
            item = new Item(m_tree);
            item->setData(NameCol, KeyRole, e.key);
            m_items.insert(e.key, item);
        }
        // A folder is scanned again every few seconds while it records:
        // rows that did not change keep their items (and their parts).
        const bool same = !fresh && sameListing(m_entries.value(e.key), e);
        m_entries.insert(e.key, e);
        if (!same)
            updateItem(item, e);
        requestThumbnail(e);
    }
    for (auto it = m_items.begin(); it != m_items.end();) {
        if (m_entries.value(it.key()).folder == folder && !seen.contains(it.key())) {
            m_entries.remove(it.key());
            delete it.value();
            it = m_items.erase(it);
        } else {
            ++it;
        }
    }
    m_tree->setSortingEnabled(true);
    if (!selected.isEmpty() && !m_tree->currentItem())
        selectFile(selected);
    if (!selectedKey.isEmpty() && !m_tree->currentItem())
        if (QTreeWidgetItem *item = m_items.value(selectedKey))
            m_tree->setCurrentItem(item);
    applyFilter();
    updateButtons();
    QTimer::singleShot(0, this, &RecordingsList::fitColumns); // after the contents sized their columns

    bool live = false;
    for (const LibraryEntry &e : std::as_const(m_entries))
        live = live || e.owner.owned();
    if (live && !m_livePoll->isActive())
        m_livePoll->start();
    else if (!live)
        m_livePoll->stop();

    emit folderScanned(folder);
    if (m_scanAgain.remove(folder))
        startScan(folder);
}

void RecordingsList::updateItem(QTreeWidgetItem *item, const LibraryEntry &e)
{
    const QLocale loc;
    QString state, stateTip;
    switch (e.state) {
    case LibraryState::Recording:
        state = tr("Recording", "library state");
        stateTip = e.owner.sinceMs > 0
            ? tr("Being recorded right now (since %1).")
                  .arg(loc.toString(QDateTime::fromMSecsSinceEpoch(e.owner.sinceMs), QLocale::ShortFormat))
            : tr("Being recorded right now.");
        break;
    case LibraryState::Finished:
        state = tr("Finished", "library state");
        break;
    case LibraryState::Recovered:
        state = tr("Recovered", "library state");
        stateTip = tr("Rebuilt by the recovery wizard.");
        break;
    case LibraryState::Unfinished:
        state = tr("Unfinished", "library state");
        stateTip = e.owner.owned() ? tr("Being recovered right now.")
                                   : tr("Not closed properly. File → Recover recordings… rebuilds it.");
        break;
    case LibraryState::Damaged:
        state = tr("Damaged", "library state");
        stateTip = tr("Does not open: %1").arg(e.problem);
        break;
    }
    if (isKept(e)) {
        state = tr("%1, kept", "library state of a recording marked Keep").arg(state);
        stateTip =
            (stateTip.isEmpty() ? QString() : stateTip + u'\n') + tr("Marked \"Keep\": never removed by retention.");
    }
    QString duration = e.durationMs >= 0 ? formatDuration(e.durationMs) : QStringLiteral("–");
    if (e.state == LibraryState::Recording)
        duration = e.durationMs >= 0 ? tr("%1 + recording").arg(duration) : tr("recording");

    item->setText(NameCol, e.name);
    item->setData(NameCol, SortRole, e.name.toLower());
    item->setToolTip(NameCol, QDir::toNativeSeparators(e.folder + u'/' + e.name));
    item->setText(StartedCol, e.started.isValid() ? loc.toString(e.started, QLocale::ShortFormat) : QString());
    item->setData(StartedCol, SortRole, e.started.isValid() ? e.started.toMSecsSinceEpoch() : 0);
    item->setText(DurationCol, duration);
    item->setData(DurationCol, SortRole, e.durationMs);
    item->setText(SizeCol, loc.formattedDataSize(e.sizeBytes));
    item->setData(SizeCol, SortRole, e.sizeBytes);
    item->setText(FormatCol, formatName(e.format));
    item->setData(FormatCol, SortRole, formatName(e.format));
    // The built-in demo by its name, not its test options ("demo?realtime=0").
    const bool demo = e.source == QLatin1String("demo") || e.source.startsWith(QLatin1String("demo?"));
    item->setText(SourceCol, demo ? tr("Built-in demo") : e.source);
    item->setToolTip(SourceCol, e.source);
    item->setData(SourceCol, SortRole, e.source.toLower());
    item->setText(StateCol, state);
    item->setToolTip(StateCol, stateTip);
    item->setData(StateCol, SortRole, int(e.state));
    item->setData(StateCol, Qt::UserRole, int(e.state)); // for tests and the filter
    const QString pic = e.firstPlayable();
    item->setIcon(NameCol, m_thumbs.value(pic.isEmpty() ? QString() : thumbKey(pic), placeholderIcon()));

    // One child row per file when the recording has more than one.
    const QString current = m_tree->currentItem() && m_tree->currentItem()->parent() == item
        ? m_tree->currentItem()->data(NameCol, PathRole).toString()
        : QString();
    qDeleteAll(item->takeChildren());
    // Markers and gaps (MP4 chapters, a TS/FLV file's marks) under the file
    // they are in: one row each, at its time in that file; Play on it plays
    // the file.
    auto addMarkers = [&](QTreeWidgetItem *parent, const LibraryChunk &c) {
        for (const LibraryMarker &m : c.markers) {
            auto *row = new Item(parent);
            row->setText(NameCol, m.gap ? tr("Gap: %1").arg(m.title) : tr("Marker: %1").arg(m.title));
            row->setData(NameCol, PathRole, c.path);
            row->setData(NameCol, MarkerRole, m.atMs);
            row->setData(NameCol, GapRole, m.gap);
            row->setData(StartedCol, SortRole, m.atMs);
            row->setText(DurationCol, formatDuration(m.atMs));
            const QString file = QFileInfo(c.path).fileName();
            row->setToolTip(NameCol,
                            m.gap ? tr("A gap in the source at %1 in %2: %3").arg(formatDuration(m.atMs), file, m.title)
                                  : tr("Marker \"%1\" at %2 in %3").arg(m.title, formatDuration(m.atMs), file));
        }
    };
    if (e.chunks.size() == 1)
        addMarkers(item, e.chunks.front());
    if (e.chunks.size() > 1) {
        for (const LibraryChunk &c : e.chunks) {
            auto *child = new Item(item);
            child->setText(NameCol, QFileInfo(c.path).fileName());
            child->setData(NameCol, PathRole, c.path);
            child->setData(NameCol, PartRole, c.part);
            child->setToolTip(NameCol, QDir::toNativeSeparators(c.path));
            child->setText(DurationCol, c.durationMs >= 0 ? formatDuration(c.durationMs) : QStringLiteral("–"));
            child->setText(SizeCol, loc.formattedDataSize(c.sizeBytes));
            QString chunkState;
            if (c.owner.owner == FileOwner::Recording)
                chunkState = tr("Recording", "library state");
            else if (!c.exists)
                chunkState = tr("Unfinished", "library state");
            else if (!c.problem.isEmpty())
                chunkState = tr("Damaged", "library state");
            child->setText(StateCol, chunkState);
            addMarkers(child, c);
            if (c.path == current)
                m_tree->setCurrentItem(child);
        }
    }
}

void RecordingsList::requestThumbnail(const LibraryEntry &e)
{
    const QString path = e.firstPlayable();
    if (path.isEmpty())
        return;
    const QString key = thumbKey(path);
    if (m_thumbs.contains(key) || m_thumbPending.contains(key))
        return;
    m_thumbPending.insert(key);
    const QString entryKey = e.key;
    m_pool.start([this, path, key, entryKey] {
        if (m_closing)
            return;
        const std::optional<PreviewFrame> frame = decodeThumbnail(path, kThumbSize.width() * 2);
        QImage image;
        if (frame)
            image = QImage(reinterpret_cast<const uchar *>(frame->rgb32.constData()), frame->width, frame->height,
                           frame->width * 4, QImage::Format_RGB32)
                        .copy();
        QMetaObject::invokeMethod(
            this,
            [this, key, entryKey, image] {
                m_thumbPending.remove(key);
                QPixmap pm(kThumbSize);
                pm.fill(QColor(0x30, 0x30, 0x30));
                if (!image.isNull()) {
                    // Letterboxed into the row's picture size.
                    const QImage scaled = image.scaled(kThumbSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                    QPainter p(&pm);
                    p.drawImage((kThumbSize.width() - scaled.width()) / 2, (kThumbSize.height() - scaled.height()) / 2,
                                scaled);
                }
                m_thumbs.insert(key, QIcon(pm));
                if (QTreeWidgetItem *item = m_items.value(entryKey)) {
                    item->setIcon(NameCol, m_thumbs.value(key));
                    item->setData(NameCol, Qt::UserRole, !image.isNull()); // has a picture (tests)
                }
            },
            Qt::QueuedConnection);
    });
}

void RecordingsList::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    const QVariant state = m_stateFilter->currentData();
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        const LibraryEntry &e = m_entries[it.key()];
        bool show = text.isEmpty() || e.name.contains(text, Qt::CaseInsensitive)
            || e.source.contains(text, Qt::CaseInsensitive);
        if (state.isValid())
            show = show && int(e.state) == state.toInt();
        it.value()->setHidden(!show);
    }
}

QStringList RecordingsList::files() const
{
    QStringList out;
    for (const LibraryEntry &e : m_entries)
        out << e.allFiles();
    return out;
}

const LibraryEntry *RecordingsList::selectedEntry() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    while (item && item->parent()) // a part, or a marker under a part
        item = item->parent();
    if (!item)
        return nullptr;
    auto it = m_entries.constFind(item->data(NameCol, KeyRole).toString());
    return it == m_entries.cend() ? nullptr : &it.value();
}

std::optional<LibraryEntry> RecordingsList::selectedUnowned()
{
    const LibraryEntry *sel = selectedEntry();
    if (!sel)
        return std::nullopt;
    if (const OwnerInfo owner = currentOwner(*sel); owner.owned()) {
        showMessage(refusal(*sel, owner));
        return std::nullopt;
    }
    return *sel;
}

QString RecordingsList::selectedFile() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (item && item->parent())
        return item->data(NameCol, PathRole).toString();
    const LibraryEntry *e = selectedEntry();
    return e ? e->firstPlayable() : QString();
}

const LibraryEntry *RecordingsList::entryOf(const QString &path) const
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    for (const LibraryEntry &e : m_entries)
        for (const LibraryChunk &c : e.chunks)
            if (c.path == abs || c.sidecars.contains(abs))
                return &e;
    return nullptr;
}

void RecordingsList::selectFile(const QString &path)
{
    const LibraryEntry *e = entryOf(path);
    if (!e)
        return;
    QTreeWidgetItem *item = m_items.value(e->key);
    if (!item)
        return;
    const QString abs = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < item->childCount(); ++i)
        if (item->child(i)->data(NameCol, PathRole).toString() == abs) {
            item->setExpanded(true);
            m_tree->setCurrentItem(item->child(i));
            return;
        }
    m_tree->setCurrentItem(item);
}

void RecordingsList::updateButtons()
{
    const LibraryEntry *e = selectedEntry();
    m_play->setEnabled(e != nullptr);
    m_show->setEnabled(e != nullptr);
    m_rename->setEnabled(e != nullptr);
    m_delete->setEnabled(e != nullptr);
    m_keep->setEnabled(e != nullptr && !m_keptIndexPath.isEmpty());
    QSignalBlocker block(m_keep);
    m_keep->setChecked(e && isKept(*e));
}

void RecordingsList::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString RecordingsList::refusal(const LibraryEntry &e, const OwnerInfo &owner) const
{
    if (owner.owner == FileOwner::Recording)
        return tr("\"%1\" is being recorded right now. Stop the recording first; then it can be renamed or moved "
                  "to the trash.")
            .arg(e.name);
    return tr("\"%1\" is being rebuilt by the recovery wizard right now. Wait until it is done.").arg(e.name);
}

void RecordingsList::playSelected()
{
    const QString file = selectedFile();
    if (file.isEmpty()) {
        showMessage(tr("Nothing to play yet: the first part of this recording is still being written."));
        return;
    }
    emit playRequested(file);
}

void RecordingsList::showInFolder()
{
    const LibraryEntry *e = selectedEntry();
    if (!e)
        return;
    const QUrl url = QUrl::fromLocalFile(e->folder);
    const bool opened = m_openUrl ? m_openUrl(url) : QDesktopServices::openUrl(url);
    if (!opened)
        showMessage(tr("No file manager could be opened here. The recording is in %1")
                        .arg(QDir::toNativeSeparators(e->folder)));
}

void RecordingsList::renameSelected()
{
    const std::optional<LibraryEntry> chosen = selectedUnowned();
    if (!chosen)
        return;
    const LibraryEntry e = *chosen;
    if (e.state == LibraryState::Unfinished) {
        showMessage(tr("\"%1\" was not closed properly. Recover it first (File → Recover recordings…).").arg(e.name));
        return;
    }
    auto *dlg = new QInputDialog(this);
    dlg->setObjectName(QStringLiteral("renameDialog"));
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowTitle(tr("Rename recording"));
    dlg->setLabelText(
        e.chunks.size() > 1
            ? tr("New name for \"%1\" (its %n parts keep their numbers):", nullptr, int(e.chunks.size())).arg(e.name)
            : tr("New name for \"%1\":").arg(e.name));
    dlg->setTextValue(e.name);
    connect(dlg, &QInputDialog::textValueSelected, this, [this, e](const QString &name) {
        auto done = renameRecording(e, name);
        if (!done) {
            if (done.error().code == ErrorCode::InUse)
                showMessage(refusal(e, currentOwner(e)));
            else if (done.error().code == ErrorCode::AlreadyExists)
                showMessage(tr("\"%1\" cannot be renamed to \"%2\": a file of that name exists (%3).")
                                .arg(e.name, name, done.message()));
            else
                showMessage(tr("\"%1\" cannot be renamed: %2").arg(e.name, done.message()));
            return;
        }
        if (!m_recoveredIndexPath.isEmpty()) {
            RecoveredIndex index(m_recoveredIndexPath);
            const QStringList before = e.allFiles();
            for (int i = 0; i < before.size() && i < done->size(); ++i)
                index.rename(before[i], done->at(i));
        }
        if (!m_keptIndexPath.isEmpty() && isKept(e)) {
            RecoveredIndex kept(m_keptIndexPath);
            kept.remove(e.allFiles());
            kept.add(*done);
            m_kept = kept.load();
        }
        showMessage(QString());
        startScan(e.folder);
        // Select it again under its new name once the scan is in.
        const QString first = done->isEmpty() ? QString() : done->constFirst();
        auto *once = new QObject(this);
        connect(this, &RecordingsList::folderScanned, once, [this, first, once] {
            selectFile(first);
            once->deleteLater();
        });
    });
    dlg->open();
}

void RecordingsList::deleteSelected()
{
    const std::optional<LibraryEntry> chosen = selectedUnowned();
    if (!chosen)
        return;
    const LibraryEntry e = *chosen;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Move to trash"), tr("Move \"%1\" to the trash?").arg(e.name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("%n file(s), %1. You can restore them from the trash.", nullptr, int(e.allFiles().size()))
            .arg(QLocale().formattedDataSize(e.sizeBytes)));
    QPushButton *yes = box->addButton(tr("Move to Trash"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("confirmTrashButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, yes, e] {
        if (box->clickedButton() != yes)
            return;
        auto done = trashRecording(e);
        if (!done) {
            if (done.error().code == ErrorCode::InUse)
                showMessage(refusal(e, currentOwner(e)));
            else
                showMessage(tr("\"%1\" could not be moved to the trash: %2").arg(e.name, done.message()));
        } else {
            showMessage(QString());
            if (!m_recoveredIndexPath.isEmpty())
                RecoveredIndex(m_recoveredIndexPath).remove(*done);
        }
        startScan(e.folder);
    });
    box->open();
}

} // namespace ui
} // namespace tapedeck
