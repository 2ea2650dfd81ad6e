#include "ui/MainWindow.h"
#include "ui/StatusBar.h"

#include "core/record/Engine.h"
#include "core/app/Settings.h"
#include "core/app/OutputNaming.h"
#include "core/app/Scheduler.h"
#include "core/recovery/Classifier.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/HelpMenu.h"
#include "ui/LayoutUtil.h"
#include "ui/PlayerDialog.h"
#include "ui/PaneFit.h"
#include "ui/RecordOptionsWidget.h"
#include "ui/RecordersView.h"
#include "ui/RecordingsList.h"
#include "ui/RemoteRecorders.h"
#include "ui/SecretStore.h"
#include "ui/SettingsDialog.h"
#include "ui/SourceDialog.h"
#include "ui/TrayController.h"

#include <algorithm>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

// The icons are compiled into this static library; a static library's
// resources must be registered by hand or the linker drops them.
static void initTapedeckResources() { Q_INIT_RESOURCE(tapedeck); }

namespace tapedeck {
namespace ui {
namespace {

constexpr int IdRole = Qt::UserRole + 1;
constexpr int NeedsSecretRole = Qt::UserRole + 2;
constexpr int NameRole = Qt::UserRole + 3;
constexpr int IconRole = Qt::UserRole + 4; // which icon, for tests and accessibility

QIcon icon(const char *name) { return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name))); }

} // namespace

MainWindow::MainWindow(Settings &settings, Engine &engine, SecretStore &secrets, Scheduler *scheduler, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_engine(engine), m_service(settings, engine),
      m_scheduler(scheduler ? scheduler : new Scheduler(settings, this))
{
    initTapedeckResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tapedeck"));
    setWindowIcon(icon("tapedeck"));
    setAcceptDrops(true);
    setStatusBar(new StatusBar(this)); // messages elided before the permanent labels

    m_sources = new SourceStore(settings, secrets, this);
    m_remote = new RemoteRecorders(settings, secrets, this);
    m_tray = new TrayController(settings, this);
    buildActions();
    buildUi();
    setUpRemote();
    setUpSchedules();

    connect(m_sources, &SourceStore::changed, this, &MainWindow::reloadSources);
    connect(m_sources, &SourceStore::secretStoreWarning, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 15000); });
    if (auto *keychain = qobject_cast<KeychainSecretStore *>(&secrets)) {
        connect(keychain, &KeychainSecretStore::fellBackToMemory, this, [this](const QString &why) {
            Q_UNUSED(why);
            m_tray->notify(NotificationKind::Info, tr("No keychain available"),
                           tr("Passwords and stream keys are kept in memory until Tapedeck quits. Saved sources "
                              "keep their addresses and ask for the password when you record."));
        });
    }

    connect(&m_engine, &Engine::recordingStateChanged, this, &MainWindow::onStateChanged);
    connect(&m_engine, &Engine::recordingFinished, this, &MainWindow::onFinished);
    connect(&m_engine, &Engine::recordingFailed, this, &MainWindow::onFailed);
    connect(&m_engine, &Engine::chunkFinished, this, [this](int, const QString &path) { m_recordings->addFile(path); });
    connect(&m_engine, &Engine::takeFinished, this, &MainWindow::onTakeFinished);
    connect(&m_engine, &Engine::previewFrame, m_active, &ActiveRecordingsView::onPreview);
    connect(m_active, &ActiveRecordingsView::stopRequested, this, [this](int id) {
        if (id < 0)
            stopRemote(id); // a remote recording's card
        else
            m_engine.stopRecording(id);
    });
    // Negative card ids are remote recordings' (RemoteRecorders::cardId).
    connect(m_active, &ActiveRecordingsView::splitRequested, this,
            [this](int id) { id < 0 ? splitRemote(id) : splitRecording(id); });
    connect(m_active, &ActiveRecordingsView::markerRequested, this,
            [this](int id, const QString &name) { id < 0 ? addRemoteMarker(id, name) : addMarker(id, name); });

    connect(m_tray, &TrayController::showWindowRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_tray, &TrayController::quitRequested, this, &MainWindow::quitGracefully);
    connect(m_tray, &TrayController::recoveryRequested, this, &MainWindow::requestRecovery);
    connect(m_tray, &TrayController::fileRequested, this, [this](const QString &path) {
        showNormal();
        m_tabs->setCurrentWidget(m_recordings);
        m_recordings->selectFile(path);
    });
    connect(m_tray, &TrayController::notified, this,
            [this](NotificationKind, const QString &title, const QString &message) {
                statusBar()->showMessage(title + QStringLiteral(" — ") + message, 10000);
            });

    m_diskTimer = new QTimer(this);
    // statvfs per folder: cheap enough every 2 s, and time left moves.
    m_diskTimer->setInterval(2000);
    connect(m_diskTimer, &QTimer::timeout, this, &MainWindow::checkDiskSpace);
    m_diskTimer->start();
    updateDiskStatus();
    m_active->setSilenceWarnMs(std::max<qint64>(0, m_settings.integer(SettingKey::SilenceWarnSeconds)) * 1000);
    m_active->setBlackWarnMs(std::max<qint64>(0, m_settings.integer(SettingKey::BlackWarnSeconds)) * 1000);
    // Once per black stretch, on the card and in the tray.
    connect(m_active, &ActiveRecordingsView::pictureBlack, this, [this](int id, qint64 blackMs) {
        m_tray->notify(NotificationKind::Warning, tr("Black picture"),
                       tr("\"%1\" has recorded a black picture for %2: check the source's camera or video.")
                           .arg(recordingName(id), formatDuration(blackMs)));
    });

    reloadSources();
    selectSource(QStringLiteral("demo"));
    adoptSessions();
    rearmSources();
    // What earlier runs recorded, in every folder a source records into.
    QStringList folders{m_settings.string(SettingKey::RecordingsFolder)};
    for (const SourceEntry &e : m_sources->entries())
        folders << m_sources->options(e.id).folder;
    folders.removeDuplicates();
    // What the recovery wizard rebuilt shows as "recovered" (core/app/Library.h).
    m_recordings->setRecoveredIndexPath(
        QFileInfo(rebuiltLedgerPath()).absoluteDir().filePath(QLatin1String(kRecoveredIndexFileName)));
    m_recordings->setKeptIndexPath(keptIndexPath());
    for (const QString &folder : std::as_const(folders))
        m_recordings->scanFolder(folder);
    // Rules run at start (a folder may have grown while Tapedeck was off),
    // then on their timer.
    QTimer::singleShot(0, this, &MainWindow::enforceRetention);

    resize(1000, 680);
    m_geometryRestored = restoreGeometry(m_settings.value(SettingKey::WindowGeometry).toByteArray());
    restoreState(m_settings.value(SettingKey::WindowState).toByteArray());
    m_splitPlaced = m_mainSplit->restoreState(m_settings.value(SettingKey::SplitterState).toByteArray());
    updateActions();
}

void MainWindow::showFitted()
{
    if (!m_geometryRestored) {
        if (const QScreen *s = screen()) {
            // With room for a window manager's title bar and borders.
            const QRect avail = s->availableGeometry();
            if (width() + 16 > avail.width() || height() + 48 > avail.height()) {
                showMaximized();
                return;
            }
        }
    }
    show();
}

void MainWindow::resizeEvent(QResizeEvent *e)
{
    QMainWindow::resizeEvent(e);
    if (m_splitPlaced)
        return;
    // Until the user moves it (or it comes from the settings), a wide
    // window gives the sources a sixth of its width, up to 320 px: long
    // names whole at 1600. A small one keeps the splitter's own share.
    const int total = m_mainSplit->width();
    if (total >= 1200) {
        const int left = std::min(total / 6, 320);
        m_mainSplit->setSizes({left, total - left});
    }
}

MainWindow::~MainWindow() { saveWindowState(); }

void MainWindow::saveWindowState()
{
    m_settings.setValue(SettingKey::WindowGeometry, saveGeometry());
    m_settings.setValue(SettingKey::WindowState, saveState());
    m_settings.setValue(SettingKey::SplitterState, m_mainSplit->saveState());
    m_settings.sync();
}

void MainWindow::buildActions()
{
    auto make = [this](QAction *&a, const QString &text, const char *iconName, const QKeySequence &key,
                       const char *name) {
        a = new QAction(icon(iconName), text, this);
        a->setObjectName(QLatin1String(name));
        a->setShortcut(key);
        a->setToolTip(text.isEmpty() ? QString()
                                     : QString(text).remove(u'&') + QStringLiteral(" (")
                              + key.toString(QKeySequence::NativeText) + u')');
        addAction(a);
    };
    make(m_addSource, tr("&Add source…"), "add", QKeySequence(Qt::CTRL | Qt::Key_N), "actionAddSource");
    make(m_editSource, tr("&Edit source…"), "edit", QKeySequence(Qt::Key_F2), "actionEditSource");
    make(m_removeSource, tr("&Remove source"), "remove", QKeySequence(Qt::Key_Delete), "actionRemoveSource");
    make(m_record, tr("&Record"), "record", QKeySequence(Qt::CTRL | Qt::Key_R), "actionRecord");
    make(m_arm, tr("Record when &live"), "arm", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), "actionArm");
    make(m_keepArmed, tr("&Keep recording whenever live"), "arm", QKeySequence(), "actionKeepArmed");
    m_keepArmed->setCheckable(true);
    // Each source keeps its own choice (saved with its options).
    connect(m_keepArmed, &QAction::toggled, this, [this](bool on) {
        if (!m_loadingSource)
            m_sources->setWheneverLive(currentSourceId(), on);
    });
    m_keepArmed->setToolTip(tr("Record when live stays armed: a new file each time the stream goes live, closed "
                               "when it goes away, until you press Stop"));
    make(m_stop, tr("&Stop"), "stop", QKeySequence(Qt::CTRL | Qt::Key_Period), "actionStop");
    make(m_stopAll, tr("Stop &all"), "stop", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period), "actionStopAll");
    make(m_settingsAction, tr("&Settings…"), "settings", QKeySequence(Qt::CTRL | Qt::Key_Comma), "actionSettings");
    make(m_recover, tr("Re&cover recordings…"), "recover", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
         "actionRecover");
    make(m_quit, tr("&Quit"), "quit", QKeySequence(Qt::CTRL | Qt::Key_Q), "actionQuit");
    make(m_schedulesAction, tr("Sc&hedules…"), "schedule", QKeySequence(Qt::CTRL | Qt::Key_H), "actionSchedules");
    make(m_scheduleSource, tr("Schedule a recording…"), "schedule", QKeySequence(), "actionScheduleSource");
    removeAction(m_scheduleSource); // only in the source list's menu
    connect(m_schedulesAction, &QAction::triggered, this, [this] { openSchedules(); });
    connect(m_scheduleSource, &QAction::triggered, this, [this] { openSchedules(currentSourceId()); });
    // Delete removes a source only while the source list has the focus.
    removeAction(m_removeSource);
    m_removeSource->setShortcutContext(Qt::WidgetShortcut);

    connect(m_addSource, &QAction::triggered, this, [this] { openSourceDialog(); });
    connect(m_editSource, &QAction::triggered, this, [this] { openSourceDialog(currentSourceId()); });
    connect(m_removeSource, &QAction::triggered, this, [this] {
        const SourceEntry *e = m_sources->find(currentSourceId());
        if (!e || e->kind != SourceKind::Named)
            return;
        auto *box = new QMessageBox(QMessageBox::Question, tr("Remove source"),
                                    tr("Remove the source \"%1\"? Recorded files are kept.").arg(e->name),
                                    QMessageBox::Yes | QMessageBox::No, this);
        box->setObjectName(QStringLiteral("removeSourceBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        const QString id = e->id;
        connect(box, &QMessageBox::buttonClicked, this, [this, box, id](QAbstractButton *b) {
            if (box->standardButton(b) == QMessageBox::Yes)
                m_sources->removeNamed(id);
        });
        box->open();
    });
    connect(m_record, &QAction::triggered, this, [this] { startSelected(StartMode::Immediate); });
    connect(m_arm, &QAction::triggered, this,
            [this] { startSelected(m_keepArmed->isChecked() ? StartMode::WheneverLive : StartMode::WaitForStream); });
    connect(m_stop, &QAction::triggered, this, &MainWindow::stopSelected);
    connect(m_stopAll, &QAction::triggered, &m_engine, &Engine::stopAll);
    connect(m_tray, &TrayController::stopAllRequested, m_stopAll, &QAction::trigger);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    // The same road as the notice: the orphans already found, if any.
    connect(m_recover, &QAction::triggered, this, [this] { requestRecovery(m_orphanPaths); });
    connect(m_quit, &QAction::triggered, this, &MainWindow::quitGracefully);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_addSource);
    file->addAction(m_editSource);
    file->addAction(m_removeSource);
    file->addSeparator();
    file->addAction(m_recover);
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quit);
    QMenu *rec = menuBar()->addMenu(tr("&Recording"));
    rec->addAction(m_record);
    rec->addAction(m_arm);
    rec->addAction(m_keepArmed);
    rec->addAction(m_stop);
    rec->addAction(m_stopAll);
    buildMarkerActions(rec);
    rec->addSeparator();
    rec->addAction(m_schedulesAction);
    addHelpMenu(this);

    QToolBar *tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tb->addAction(m_addSource);
    tb->addSeparator();
    tb->addAction(m_record);
    tb->addAction(m_stop);
    tb->addSeparator();
    tb->addAction(m_settingsAction);
}

void MainWindow::buildUi()
{
    auto *sourcesBox = new QGroupBox(tr("Sources"));
    m_sourceList = new QListWidget(sourcesBox);
    m_sourceList->setObjectName(QStringLiteral("sourceList"));
    m_sourceList->setIconSize(QSize(20, 20));
    // Long names are cut with "…" (whole in the tooltip), not clipped under
    // a horizontal scroll bar. No minimum width beyond the names of the
    // demo: at 640 px the column gets what the recording side leaves (a
    // long name's width would widen the window past the screen).
    m_sourceList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sourceList->setTextElideMode(Qt::ElideRight);
    m_sourceList->setResizeMode(QListView::Adjust);
    m_sourceList->setItemDelegate(new ElidingItemDelegate(m_sourceList));
    m_sourceList->addAction(m_removeSource);
    m_sourceList->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_sourceList->addAction(m_editSource);
    m_sourceList->addAction(m_scheduleSource);
    // Small icon buttons under the list (the toolbar and menu carry the
    // words): three worded buttons made the column, and so the window, wider
    // than a 640-pixel screen in German.
    auto sourceButton = [sourcesBox](const char *iconName, const QString &tip, const char *name) {
        auto *b = new QPushButton(icon(iconName), QString(), sourcesBox);
        b->setObjectName(QLatin1String(name));
        b->setToolTip(tip);
        b->setAccessibleName(tip);
        return b;
    };
    auto *addButton = sourceButton("add", tr("Add a source…"), "addSourceButton");
    connect(addButton, &QPushButton::clicked, m_addSource, &QAction::trigger);
    auto *editButton = sourceButton("edit", tr("Edit the selected source…"), "editSourceButton");
    connect(editButton, &QPushButton::clicked, m_editSource, &QAction::trigger);
    connect(m_editSource, &QAction::changed, editButton,
            [this, editButton] { editButton->setEnabled(m_editSource->isEnabled()); });
    auto *removeButton = sourceButton("remove", tr("Remove the selected source"), "removeSourceButton");
    connect(removeButton, &QPushButton::clicked, m_removeSource, &QAction::trigger);
    connect(m_removeSource, &QAction::changed, removeButton,
            [this, removeButton] { removeButton->setEnabled(m_removeSource->isEnabled()); });
    auto *sourceButtons = new QHBoxLayout;
    sourceButtons->addWidget(addButton);
    sourceButtons->addWidget(editButton);
    sourceButtons->addWidget(removeButton);
    sourceButtons->addStretch(1);
    auto *sourcesLay = new QVBoxLayout(sourcesBox);
    // Narrow sides: at 640 px every pixel of the column goes to the names.
    const QMargins around = sourcesLay->contentsMargins();
    sourcesLay->setContentsMargins(2, around.top(), 2, around.bottom());
    sourcesLay->addWidget(m_sourceList, 1);
    sourcesLay->addLayout(sourceButtons);
    connect(m_sourceList, &QListWidget::currentItemChanged, this, &MainWindow::onSourceSelected);
    connect(m_sourceList, &QListWidget::itemActivated, this, [this] { startSelected(StartMode::Immediate); });

    auto *controlsBox = new QGroupBox(tr("Recording"));
    m_options = new RecordOptionsWidget(controlsBox);
    connect(m_options, &RecordOptionsWidget::optionsEdited, this, [this] {
        if (!currentSourceId().isEmpty())
            m_sources->setOptions(currentSourceId(), m_options->options());
    });
    m_recordButton = new QPushButton(icon("record"), tr("Record"), controlsBox);
    m_recordButton->setObjectName(QStringLiteral("recordButton"));
    m_armButton = new QPushButton(icon("arm"), tr("Record when live"), controlsBox);
    m_armButton->setObjectName(QStringLiteral("armButton"));
    m_armButton->setToolTip(tr("Wait until the stream goes live and record it from its first frame"));
    m_stopButton = new QPushButton(icon("stop"), tr("Stop"), controlsBox);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    connect(m_recordButton, &QPushButton::clicked, m_record, &QAction::trigger);
    connect(m_armButton, &QPushButton::clicked, m_arm, &QAction::trigger);
    connect(m_stopButton, &QPushButton::clicked, m_stop, &QAction::trigger);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_recordButton);
    buttons->addWidget(m_armButton);
    buttons->addWidget(m_stopButton);
    buttons->addStretch(1);
    // On a line of its own: beside the buttons it would widen a 640-pixel window.
    m_keepArmedCheck = new QCheckBox(tr("Keep recording whenever live"), controlsBox);
    m_keepArmedCheck->setObjectName(QStringLiteral("keepArmedCheck"));
    m_keepArmedCheck->setToolTip(m_keepArmed->toolTip());
    connect(m_keepArmedCheck, &QCheckBox::toggled, m_keepArmed, &QAction::setChecked);
    connect(m_keepArmed, &QAction::toggled, m_keepArmedCheck, &QCheckBox::setChecked);
    // Where Record starts it: this computer or one of the remote recorders.
    m_recorderCombo = new QComboBox(controlsBox);
    m_recorderCombo->setObjectName(QStringLiteral("recorderCombo"));
    m_recorderCombo->setToolTip(tr("Record on this computer or on a recorder (Recorders tab)"));
    m_recorderCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recorderCombo->setMinimumContentsLength(12);
    auto *where = new QHBoxLayout;
    auto *whereLabel = new QLabel(tr("Record on:"), controlsBox);
    whereLabel->setBuddy(m_recorderCombo);
    where->addWidget(whereLabel);
    where->addWidget(m_recorderCombo, 1);
    auto *controlsLay = new QVBoxLayout(controlsBox);
    controlsLay->addWidget(m_options);
    controlsLay->addLayout(where);
    controlsLay->addLayout(buttons);
    controlsLay->addWidget(m_keepArmedCheck);
    // Height the splitter gives beyond what the options need goes below
    // them, not between the options and their buttons.
    controlsLay->addStretch(1);

    m_active = new ActiveRecordingsView(m_engine);
    m_recordings = new RecordingsList;
    connect(m_recordings, &RecordingsList::playRequested, this, &MainWindow::playFile);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->addTab(m_active, icon("record"), tr("Active"));
    m_tabs->addTab(m_recordings, icon("play"), tr("Recordings"));
    m_recordersView = new RecordersView(*m_remote);
    connect(m_recordersView, &RecordersView::addRequested, this, &MainWindow::openRecorderDialog);
    connect(m_recordersView, &RecordersView::recordSourceRequested, this, &MainWindow::recordRemoteSource);
    m_tabs->addTab(m_recordersView, icon("settings"), tr("Recorders"));

    // The options scroll and share the height with the recordings through a
    // splitter: at 640×480 a card (and its Stop button) still has room, and
    // the options never make the window taller than the screen.
    auto *controlsScroll = new QScrollArea;
    controlsScroll->setObjectName(QStringLiteral("optionsScroll"));
    controlsScroll->setWidget(controlsBox);
    controlsScroll->setWidgetResizable(true);
    controlsScroll->setFrameShape(QFrame::NoFrame);
    controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *right = new QSplitter(Qt::Vertical);
    right->setObjectName(QStringLiteral("rightSplitter"));
    right->setChildrenCollapsible(false);
    right->addWidget(controlsScroll);
    right->addWidget(m_tabs);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    right->setSizes({controlsBox->sizeHint().height(), 600});
    // Whenever the options grow (the "changes apply next time" note while
    // recording), their pane grows with them when there is room: no scroll
    // bar beside them on a large window.
    new PaneFit(right, controlsScroll, 0.4);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(sourcesBox);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({200, 800});
    m_mainSplit = split;
    connect(split, &QSplitter::splitterMoved, this, [this] { m_splitPlaced = true; });
    setCentralWidget(split);
    statusBar()->showMessage(tr("Ready"));

    // Clickable notices that stay until dealt with (a temporary message
    // saying "click" would be a lie: a status bar message takes no clicks).
    m_orphanNotice = new QPushButton(icon("recover"), QString(), this);
    m_orphanNotice->setObjectName(QStringLiteral("orphanNoticeButton"));
    m_orphanNotice->setFlat(true);
    m_orphanNotice->hide();
    connect(m_orphanNotice, &QPushButton::clicked, this, [this] { requestRecovery(m_orphanPaths); });
    statusBar()->addPermanentWidget(m_orphanNotice);
    m_keptNotice = new QPushButton(icon("remove"), QString(), this);
    m_keptNotice->setObjectName(QStringLiteral("keptOriginalsButton"));
    m_keptNotice->setFlat(true);
    m_keptNotice->hide();
    connect(m_keptNotice, &QPushButton::clicked, this, &MainWindow::deleteKeptOriginals);
    statusBar()->addPermanentWidget(m_keptNotice);
    m_diskStatus = new QLabel(this);
    m_diskStatus->setObjectName(QStringLiteral("diskStatusLabel"));
    statusBar()->addPermanentWidget(m_diskStatus);
}

void MainWindow::reloadSources()
{
    const QString keep = currentSourceId();
    QSignalBlocker block(m_sourceList);
    m_sourceList->clear();
    for (const SourceEntry &e : m_sources->entries()) {
        // A named source that is a local file gets a file, not an antenna.
        const bool isFile = e.kind == SourceKind::Named
            && (!e.displayUrl.contains(QStringLiteral("://")) || e.displayUrl.startsWith(QStringLiteral("file:")));
        const char *ic = e.kind == SourceKind::Demo ? "demo"
            : e.kind == SourceKind::Camera          ? "camera"
            : e.kind == SourceKind::Microphone      ? "microphone"
            : isFile                                ? "file"
                                                    : "stream";
        auto *item = new QListWidgetItem(icon(ic), e.name, m_sourceList);
        item->setData(IdRole, e.id);
        item->setData(NeedsSecretRole, e.needsSecret);
        item->setData(IconRole, QString::fromLatin1(ic));
        // The whole name first: a long one is cut in the list.
        item->setToolTip(e.name + u'\n' + e.displayUrl);
        if (e.needsSecret) {
            // Said in the list, not only when recording fails.
            item->setText(tr("%1 (needs its password)").arg(e.name));
            item->setData(NameRole, e.name);
            item->setToolTip(e.name + u'\n' + e.displayUrl + u'\n'
                             + tr("The password or stream key was not kept; you will be asked for it when you "
                                  "record."));
        }
    }
    block.unblock();
    selectSource(keep.isEmpty() ? QStringLiteral("demo") : keep);
}

QString MainWindow::currentSourceId() const
{
    QListWidgetItem *item = m_sourceList ? m_sourceList->currentItem() : nullptr;
    return item ? item->data(IdRole).toString() : QString();
}

void MainWindow::selectSource(const QString &id)
{
    for (int i = 0; i < m_sourceList->count(); ++i) {
        if (m_sourceList->item(i)->data(IdRole).toString() == id) {
            m_sourceList->setCurrentRow(i);
            onSourceSelected();
            return;
        }
    }
    if (m_sourceList->count() > 0)
        m_sourceList->setCurrentRow(0);
}

void MainWindow::onSourceSelected()
{
    const QString id = currentSourceId();
    QString name;
    if (QListWidgetItem *item = m_sourceList->currentItem())
        name = item->data(NameRole).isValid() ? item->data(NameRole).toString() : item->text();
    m_options->setOptions(m_sources->options(id), name);
    m_loadingSource = true;
    m_keepArmed->setChecked(m_sources->wheneverLive(id));
    m_loadingSource = false;
    updateActions();
}

void MainWindow::updateActions()
{
    const QString id = currentSourceId();
    const SourceEntry *e = m_sources->find(id);
    const bool named = e && e->kind == SourceKind::Named;
    // A source records once here, and as often as wanted on recorders.
    const bool busy = m_service.recordingOf(id).has_value() && selectedRecorderId().isEmpty();
    m_editSource->setEnabled(named);
    m_removeSource->setEnabled(named && !busy);
    m_record->setEnabled(!id.isEmpty() && !busy && !m_quitting);
    m_arm->setEnabled(!id.isEmpty() && !busy && !m_quitting);
    // Stop follows the recordings, not the selection: with another source
    // selected it stops the only recording, or asks which one.
    m_stop->setEnabled(m_engine.activeCount() > 0);
    m_options->setRecordingNow(busy);
    m_stopAll->setEnabled(m_engine.activeCount() > 0);
    m_recordButton->setEnabled(m_record->isEnabled());
    m_armButton->setEnabled(m_arm->isEnabled());
    m_stopButton->setEnabled(m_stop->isEnabled());
    // The tray counts what records anywhere this studio drives.
    int remoteLive = 0;
    for (RecordState st : std::as_const(m_remoteStates))
        remoteLive += st == RecordState::Finished || st == RecordState::Failed ? 0 : 1;
    m_tray->setRecording(m_engine.activeCount() + remoteLive);
    m_split->setEnabled(markerTarget().has_value());
    m_marker->setEnabled(m_split->isEnabled());
}

void MainWindow::openSourceDialog(const QString &editId, const QString &prefillUrl)
{
    auto *dlg = new SourceDialog(*m_sources, m_settings.integer(SettingKey::OpenTimeoutMs), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &QDialog::accepted, this, [this, dlg] {
        const QString id = dlg->sourceId().isEmpty()
            ? m_sources->addNamed(dlg->name(), dlg->url())
            : (m_sources->updateNamed(dlg->sourceId(), dlg->name(), dlg->url()), dlg->sourceId());
        m_sources->setTracks(id, dlg->tracks());
        selectSource(id);
        statusBar()->showMessage(tr("Source \"%1\" saved.").arg(dlg->name()), 5000);
    });
    if (editId.isEmpty()) {
        if (!prefillUrl.isEmpty())
            dlg->setSource(QString(), streamNameOf(prefillUrl), prefillUrl);
        dlg->open();
        return;
    }
    const SourceEntry *e = m_sources->find(editId);
    if (!e) {
        dlg->deleteLater();
        return;
    }
    const QString name = e->name;
    QPointer<SourceDialog> guard(dlg);
    const QString saved = e->displayUrl;
    // The full URL may have to come from the keychain first; without it the
    // saved address (secrets marked "***") is still there to edit.
    const TrackSelection tracks = m_sources->tracks(editId);
    m_sources->resolve(editId, [guard, editId, name, saved, tracks](Result<QString> url) {
        if (!guard)
            return;
        guard->setSource(editId, name, url.ok() ? url.value() : saved);
        guard->setTracks(tracks);
        guard->open();
    });
}

void MainWindow::openSettings()
{
    auto *dlg = new SettingsDialog(m_settings, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setKeptIndexPath(keptIndexPath());
    {
        QStringList folders;
        for (const SourceEntry &e : m_sources->entries())
            folders << m_sources->options(e.id).folder;
        dlg->setKnownFolders(folders);
    }
    const QString languageBefore = m_settings.string(SettingKey::Language);
    connect(dlg, &SettingsDialog::applied, this, [this, languageBefore, dlg] {
        if (!dlg->autostartError().isEmpty())
            m_tray->notify(NotificationKind::Failed, tr("Start at login could not be changed"), dlg->autostartError());
        // Defaults may have changed for sources without their own options.
        onSourceSelected();
        m_tray->setRecording(m_engine.activeCount());
        statusBar()->showMessage(tr("Settings saved."), 5000);
        m_active->setSilenceWarnMs(std::max<qint64>(0, m_settings.integer(SettingKey::SilenceWarnSeconds)) * 1000);
        m_active->setBlackWarnMs(std::max<qint64>(0, m_settings.integer(SettingKey::BlackWarnSeconds)) * 1000);
        enforceRetention();
        const QString language = m_settings.string(SettingKey::Language);
        if (language != languageBefore)
            emit languageChanged(language);
    });
    dlg->open();
}

void MainWindow::adoptSessions()
{
    // Sessions the engine already runs (this window replaces another one):
    // the service knows their sources, the cards name them in this language.
    for (const RecordingInfo &r : m_service.list()) {
        RecordingSession *s = m_engine.session(r.id);
        if (!s)
            continue;
        m_active->addRecording(r.id, recordingName(r.id), r.source, s->params().chunkDurationMs > 0);
        if (RecordingCard *card = m_active->card(r.id))
            card->setStats(s->stats());
        for (const QString &f : r.files)
            m_recordings->addFile(f);
    }
}

QString MainWindow::recordingName(int id) const
{
    const std::optional<RecordingInfo> r = m_service.info(id);
    if (!r)
        return QString();
    if (const SourceEntry *e = m_sources->find(r->owner))
        return e->name;
    if (r->owner == QLatin1String("demo"))
        return m_sources->entries().constFirst().name;
    return r->label;
}

void MainWindow::requestRecovery(const QStringList &paths)
{
    showNormal();
    if (!isSignalConnected(QMetaMethod::fromSignal(&MainWindow::recoveryRequested))) {
        statusBar()->showMessage(tr("The recovery wizard is not available in this build; use \"tapedeck recover\"."),
                                 15000);
        return;
    }
    emit recoveryRequested(paths);
}

void MainWindow::openArguments(const QStringList &items)
{
    showNormal();
    raise();
    activateWindow();
    QStringList paths;
    for (const QString &item : items) {
        if (item.contains(QStringLiteral("://")))
            openSourceDialog(QString(), item);
        else
            paths << item;
    }
    if (paths.isEmpty())
        return;
    // One finished recording: play it. Anything else (folders, sidecars, cut
    // files, several files) is what the recovery wizard is for; it reports
    // healthy files and non-recordings in words.
    if (paths.size() == 1 && QFileInfo(paths.first()).isFile()) {
        const recovery::ScanResult r = recovery::classifyFiles(paths);
        if (r.orphans.empty() && r.healthyFiles == 1) {
            playFile(paths.first());
            return;
        }
    }
    requestRecovery(paths);
}

void MainWindow::playFile(const QString &path)
{
    if (!m_player) {
        m_player = new PlayerDialog(this);
    }
    m_player->show();
    m_player->raise();
    m_player->play(path);
}

void MainWindow::quitGracefully()
{
    m_quitting = true;
    saveWindowState();
    m_engine.stopAll();
    updateActions();
    if (m_engine.activeCount() == 0) {
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        return;
    }
    statusBar()->showMessage(tr("Closing the recordings…"));
    // A hung writer must not keep the app alive for ever; the Engine's
    // destructor still waits for the threads.
    QTimer::singleShot(30000, qApp, &QCoreApplication::quit);
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    saveWindowState();
    // Waiting for a scheduled recording is a reason to stay in the tray
    // (without a tray there would be no way back to the window: quit).
    const bool canHide = m_settings.flag(SettingKey::MinimizeToTray) && m_tray->available();
    const bool scheduled = canHide && m_scheduler->hasPending();
    if (m_quitting || (m_engine.activeCount() == 0 && !scheduled)) {
        e->accept();
        // The tray keeps the application alive (quitOnLastWindowClosed is
        // off), so closing the idle window is quitting.
        if (!m_quitting)
            QTimer::singleShot(0, this, &MainWindow::quitGracefully);
        return;
    }
    e->ignore();
    if (m_engine.activeCount() == 0) { // only the schedules keep it
        hide();
        if (!m_scheduleHintShown) {
            m_scheduleHintShown = true;
            m_tray->notify(NotificationKind::Info, tr("Tapedeck waits for a scheduled recording"),
                           tr("It keeps running in the tray to record on time (%1). Quit from the tray icon to "
                              "stop it.")
                               .arg(m_tray->nextScheduleText()));
        }
        return;
    }
    if (canHide) {
        hide();
        if (!m_settings.flag(SettingKey::TrayHintShown)) {
            m_settings.setValue(SettingKey::TrayHintShown, true);
            m_tray->notify(NotificationKind::Info, tr("Tapedeck is still recording"),
                           tr("Recording continues in the background. Use the tray icon to open the window "
                              "or to quit."));
        }
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Recordings are running"),
                                tr("Stop all recordings and quit? Everything recorded so far is kept."),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("quitBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton *b) {
        if (box->standardButton(b) == QMessageBox::Yes)
            quitGracefully();
    });
    box->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *e)
{
    for (const QUrl &u : e->mimeData()->urls())
        if (u.isLocalFile()
            && (recovery::isRecoveryInputName(u.toLocalFile())
                || QFileInfo(u.toLocalFile()).isDir())) { // folders: the wizard scans them
            e->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent *e)
{
    QStringList paths;
    for (const QUrl &u : e->mimeData()->urls())
        if (u.isLocalFile())
            paths << u.toLocalFile();
    if (!paths.isEmpty()) {
        e->acceptProposedAction();
        requestRecovery(paths);
    }
}

} // namespace ui
} // namespace tapedeck
