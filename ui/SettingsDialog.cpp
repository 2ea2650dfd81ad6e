#include "ui/LayoutUtil.h"
#include "ui/SettingsDialog.h"

#include "core/app/Autostart.h"
#include "core/app/Settings.h"
#include "ui/RecordOptionsWidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QThreadPool>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace tapedeck {
namespace ui {
namespace {

QSpinBox *msSpin(QWidget *parent, const char *name, int min, int max, int step)
{
    auto *s = new QSpinBox(parent);
    s->setObjectName(QLatin1String(name));
    s->setRange(min, max);
    s->setSingleStep(step);
    s->setSuffix(SettingsDialog::tr(" ms"));
    return s;
}

// Network times are shown in seconds (people think in seconds) and stored in
// milliseconds as the engine takes them.
QSpinBox *secondsSpin(QWidget *parent, const char *name, int min, int max)
{
    auto *s = new QSpinBox(parent);
    s->setObjectName(QLatin1String(name));
    s->setRange(min, max);
    s->setSuffix(SettingsDialog::tr(" s"));
    return s;
}

// A field that does not fit beside its label goes under it: the dialog fits
// a 640-pixel screen in French and German too.
QFormLayout *makeForm(QWidget *page)
{
    auto *form = page ? new QFormLayout(page) : new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    return form;
}

int toSeconds(qint64 ms) { return int((ms + 500) / 1000); }

QLabel *note(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setEnabled(false);
    return l;
}

} // namespace

SettingsDialog::SettingsDialog(Settings &settings, QWidget *parent) : QDialog(parent), m_settings(settings)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    resize(640, 420);

    m_pages = new QListWidget(this);
    m_pages->setObjectName(QStringLiteral("settingsPages"));
    m_pages->setIconSize(QSize(22, 22));
    m_stack = new QStackedWidget(this);

    addPage(tr("Recording"), QStringLiteral("record"), recordingPage());
    addPage(tr("Crash safety"), QStringLiteral("shield"), safetyPage());
    addPage(tr("Network"), QStringLiteral("network"), networkPage());
    addPage(tr("Disk"), QStringLiteral("disk"), diskPage());
    addPage(tr("Retention"), QStringLiteral("remove"), retentionPage());
    addPage(tr("Behaviour"), QStringLiteral("settings"), behaviourPage());
    addPage(tr("Language"), QStringLiteral("language"), languagePage());
    // As wide as the longest page name in this language ("Résistance aux
    // plantages" was cut at a fixed 170 px).
    m_pages->setFixedWidth(m_pages->sizeHintForColumn(0) + 2 * m_pages->frameWidth() + 12);
    m_pages->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_pages, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_pages->setCurrentRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(m_pages);
    row->addWidget(m_stack, 1);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(row, 1);
    lay->addWidget(buttons);
    load();
    holdWrappedText(this);
}

void SettingsDialog::addPage(const QString &title, const QString &icon, QWidget *page)
{
    auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), title, m_pages);
    Q_UNUSED(item);
    m_stack->addWidget(page);
}

void SettingsDialog::showPage(int index) { m_pages->setCurrentRow(index); }

QWidget *SettingsDialog::recordingPage()
{
    auto *page = new QWidget;
    m_folder = new QLineEdit(page);
    m_folder->setObjectName(QStringLiteral("defaultFolderEdit"));
    auto *browse = new QToolButton(page);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the recordings folder"));
    connect(browse, &QToolButton::clicked, this, [this] {
        auto *dlg = new QFileDialog(this, tr("Recordings folder"), m_folder->text());
        dlg->setFileMode(QFileDialog::Directory);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        connect(dlg, &QFileDialog::fileSelected, m_folder, &QLineEdit::setText);
        dlg->open();
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_format = new QComboBox(page);
    m_format->setObjectName(QStringLiteral("defaultFormatCombo"));
    RecordOptionsWidget::fillFormatCombo(m_format);
    m_chunk = new QSpinBox(page);
    m_chunk->setObjectName(QStringLiteral("defaultChunkSpin"));
    RecordOptionsWidget::setupChunkSpin(m_chunk);
    m_pattern = new QLineEdit(page);
    m_pattern->setObjectName(QStringLiteral("defaultPatternEdit"));
    m_overwrite = new QCheckBox(tr("Replace existing files"), page);
    m_overwrite->setObjectName(QStringLiteral("defaultOverwriteCheck"));

    auto *form = makeForm(page);
    form->addRow(note(tr("Used for sources that have no settings of their own."), page));
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Chunk length:"), m_chunk);
    form->addRow(tr("File name:"), m_pattern);
    form->addRow(QString(), note(tr("{source}, {date}, {time} and {datetime} are replaced."), page));
    form->addRow(QString(), m_overwrite);
    return page;
}

QWidget *SettingsDialog::safetyPage()
{
    auto *page = new QWidget;
    m_fsync = msSpin(page, "fsyncSpin", 0, 60000, 250);
    m_fsync->setSpecialValueText(tr("Every packet"));
    auto *form = makeForm(page);
    form->addRow(tr("Flush to disk every:"), m_fsync);
    form->addRow(note(tr("MP4 recordings are written crash-safe. Data reaches the disk with every packet; this "
                         "interval bounds what a power cut can lose. Shorter is safer, longer is easier on the "
                         "disk."),
                      page));
    return page;
}

QWidget *SettingsDialog::networkPage()
{
    auto *page = new QWidget;
    m_reconnectInitial = secondsSpin(page, "reconnectInitialSpin", 1, 60);
    m_reconnectMax = secondsSpin(page, "reconnectMaxSpin", 1, 600);
    m_openTimeout = secondsSpin(page, "openTimeoutSpin", 1, 120);
    m_stallTimeout = secondsSpin(page, "stallTimeoutSpin", 1, 120);
    auto *form = makeForm(page);
    form->addRow(tr("First reconnect after:"), m_reconnectInitial);
    form->addRow(tr("Longest wait between reconnects:"), m_reconnectMax);
    form->addRow(tr("Give up opening after:"), m_openTimeout);
    // What the timeout really governs: a refusal is not waited for. Across
    // the whole row: beside long labels (French) the field column is too
    // narrow for a sentence, which then stood one word per line.
    form->addRow(note(tr("A server that refuses the connection is reported at once; one that does not "
                         "answer is given this long."),
                      page));
    form->addRow(tr("Treat as dropped after no data for:"), m_stallTimeout);
    form->addRow(note(tr("Changes apply to recordings started from now on."), page));
    return page;
}

QWidget *SettingsDialog::diskPage()
{
    auto *page = new QWidget;
    m_reserve = new QSpinBox(page);
    m_reserve->setObjectName(QStringLiteral("diskReserveSpin"));
    m_reserve->setRange(0, 1024 * 1024);
    m_reserve->setSingleStep(100);
    // The same units as every size on screen (QLocale::formattedDataSize: KiB, MiB, GiB).
    m_reserve->setSuffix(tr(" MiB"));
    m_diskWarn = new QSpinBox(page);
    m_diskWarn->setObjectName(QStringLiteral("diskWarnSpin"));
    m_diskWarn->setRange(0, 24 * 60);
    m_diskWarn->setSingleStep(5);
    m_diskWarn->setSuffix(tr(" min"));
    m_diskWarn->setSpecialValueText(tr("Only near the reserve"));
    auto *form = makeForm(page);
    form->addRow(tr("Keep free at least:"), m_reserve);
    form->addRow(note(tr("Below this, a recording does not start, and a running recording stops cleanly and "
                         "keeps what it wrote."),
                      page));
    form->addRow(tr("Warn when less is left than:"), m_diskWarn);
    form->addRow(note(tr("Time left is the free space above the reserve at the bitrates of everything recording "
                         "to the same disk. The status bar and each recording show it."),
                      page));
    return page;
}

QWidget *SettingsDialog::retentionPage()
{
    auto *page = new QWidget;
    m_retentionFolder = new QComboBox(page);
    m_retentionFolder->setObjectName(QStringLiteral("retentionFolderCombo"));
    m_retentionFolder->setEditable(true);
    m_retentionFolder->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_retentionFolder->setMinimumContentsLength(12);
    m_retentionGb = new QDoubleSpinBox(page);
    m_retentionGb->setObjectName(QStringLiteral("retentionGbSpin"));
    m_retentionGb->setRange(0, 1024 * 1024);
    m_retentionGb->setDecimals(3); // down to about 1 MiB
    m_retentionGb->setSuffix(tr(" GiB"));
    m_retentionGb->setSpecialValueText(tr("No limit"));
    m_retentionDays = new QSpinBox(page);
    m_retentionDays->setObjectName(QStringLiteral("retentionDaysSpin"));
    m_retentionDays->setRange(0, 36500);
    m_retentionDays->setSuffix(tr(" days"));
    m_retentionDays->setSpecialValueText(tr("No limit"));
    m_retentionPreview = new QPushButton(tr("Preview"), page);
    m_retentionPreview->setObjectName(QStringLiteral("retentionPreviewButton"));
    m_retentionSummary = new QLabel(page);
    m_retentionSummary->setObjectName(QStringLiteral("retentionSummaryLabel"));
    m_retentionSummary->setWordWrap(true);
    m_retentionList = new QListWidget(page);
    m_retentionList->setObjectName(QStringLiteral("retentionPreviewList"));
    m_retentionList->setTextElideMode(Qt::ElideMiddle);

    // A folder picked from the list or typed and confirmed with Enter: each
    // keystroke of a typed path is not a folder of its own.
    connect(m_retentionFolder, &QComboBox::textActivated, this, [this](const QString &folder) {
        storeRule();
        showRule(folder);
    });
    connect(m_retentionPreview, &QPushButton::clicked, this, &SettingsDialog::previewRetention);

    auto *form = makeForm(nullptr);
    form->addRow(tr("Folder:"), m_retentionFolder);
    form->addRow(tr("Keep at most:"), m_retentionGb);
    form->addRow(tr("Delete after:"), m_retentionDays);
    auto *lay = new QVBoxLayout(page);
    lay->addLayout(form);
    lay->addWidget(note(tr("The oldest finished recordings are deleted first, for good: the trash is on the same "
                           "disk and would free nothing. Recordings in progress, unfinished or damaged ones and "
                           "those marked Keep in the library are never deleted."),
                        page));
    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(m_retentionPreview);
    previewRow->addWidget(m_retentionSummary, 1);
    lay->addLayout(previewRow);
    lay->addWidget(m_retentionList, 1);
    return page;
}

void SettingsDialog::setKnownFolders(const QStringList &folders)
{
    QSignalBlocker block(m_retentionFolder);
    const QString current = m_retentionFolder->currentText();
    for (const QString &f : folders) {
        const QString native = QDir::toNativeSeparators(QDir::cleanPath(f));
        if (!f.isEmpty() && m_retentionFolder->findText(native) < 0)
            m_retentionFolder->addItem(native);
    }
    m_retentionFolder->setCurrentText(current);
}

RetentionRule SettingsDialog::currentRule() const
{
    RetentionRule r;
    r.folder = QDir::cleanPath(
        QFileInfo(QDir::fromNativeSeparators(m_retentionFolder->currentText().trimmed())).absoluteFilePath());
    r.maxBytes = std::llround(m_retentionGb->value() * 1024.0 * 1024.0 * 1024.0);
    r.maxAgeDays = m_retentionDays->value();
    return r;
}

void SettingsDialog::storeRule()
{
    if (m_ruleFolder.isEmpty())
        return;
    RetentionRule r = currentRule();
    r.folder = m_ruleFolder;
    std::erase_if(m_rules, [&](const RetentionRule &x) { return x.folder == r.folder; });
    m_rules.push_back(r);
}

void SettingsDialog::showRule(const QString &folderText)
{
    const QString folder =
        QDir::cleanPath(QFileInfo(QDir::fromNativeSeparators(folderText.trimmed())).absoluteFilePath());
    m_ruleFolder = folderText.trimmed().isEmpty() ? QString() : folder;
    RetentionRule r;
    for (const RetentionRule &x : m_rules)
        if (x.folder == folder)
            r = x;
    m_retentionGb->setValue(double(r.maxBytes) / (1024.0 * 1024.0 * 1024.0));
    m_retentionDays->setValue(r.maxAgeDays);
    m_retentionSummary->clear();
    m_retentionList->clear();
}

void SettingsDialog::previewRetention()
{
    const RetentionRule rule = currentRule();
    const QString keptPath = m_keptIndexPath;
    const int generation = ++m_previewGeneration;
    m_retentionList->clear();
    if (!rule.active()) {
        m_retentionSummary->setText(tr("No limit is set for this folder: nothing is deleted."));
        return;
    }
    m_retentionSummary->setText(tr("Looking at the folder…"));
    m_retentionSummary->setProperty("planned", QVariant());
    m_retentionPreview->setEnabled(false);
    QPointer<SettingsDialog> self(this);
    // Scanning probes every file: never on the GUI thread. The dialog may be
    // gone when the answer comes; the generation drops stale answers.
    QThreadPool::globalInstance()->start([self, rule, keptPath, generation] {
        const QSet<QString> kept = keptPath.isEmpty() ? QSet<QString>() : RecoveredIndex(keptPath).load();
        const RetentionPlan plan = QFileInfo(rule.folder).isDir()
            ? planRetention(scanLibraryFolder(rule.folder), rule, kept, QDateTime::currentDateTime())
            : RetentionPlan{};
        QMetaObject::invokeMethod(qApp, [self, plan, generation] {
            if (!self || generation != self->m_previewGeneration)
                return;
            self->m_retentionPreview->setEnabled(true);
            const QLocale loc;
            for (const RetentionRemoval &r : plan.remove) {
                const QString why = r.reason == RetentionReason::TooOld ? tr("too old") : tr("over the size limit");
                auto *item = new QListWidgetItem(tr("%1 — %2, %3 (%4)")
                                                     .arg(r.entry.name,
                                                          r.entry.started.isValid()
                                                              ? loc.toString(r.entry.started, QLocale::ShortFormat)
                                                              : tr("unknown date"),
                                                          loc.formattedDataSize(r.entry.sizeBytes), why),
                                                 self->m_retentionList);
                item->setToolTip(QDir::toNativeSeparators(r.entry.allFiles().join(u'\n')));
            }
            QString text = plan.remove.empty()
                ? tr("Nothing would be deleted now (the folder holds %1).").arg(loc.formattedDataSize(plan.totalBytes))
                : tr("%n recording(s) would be deleted, %1 of %2.", nullptr, int(plan.remove.size()))
                      .arg(loc.formattedDataSize(plan.bytesFreed()), loc.formattedDataSize(plan.totalBytes));
            if (plan.guarded > 0)
                text += u' '
                    + tr("%n protected recording(s) stay (in progress, unfinished, damaged or kept).", nullptr,
                         plan.guarded);
            self->m_retentionSummary->setText(text);
            self->m_retentionSummary->setProperty("planned", int(plan.remove.size()));
            self->m_retentionSummary->setProperty("guarded", plan.guarded);
        });
    });
}

QWidget *SettingsDialog::behaviourPage()
{
    auto *page = new QWidget;
    m_tray = new QCheckBox(tr("Keep running in the tray when the window is closed"), page);
    m_tray->setObjectName(QStringLiteral("minimizeToTrayCheck"));
    m_startMinimized = new QCheckBox(tr("Start minimised to the tray"), page);
    m_startMinimized->setObjectName(QStringLiteral("startMinimizedCheck"));
    m_startAtLogin = new QCheckBox(tr("Start Tapedeck when I log in"), page);
    m_startAtLogin->setObjectName(QStringLiteral("startAtLoginCheck"));
    m_startAtLogin->setToolTip(
        tr("Adds Tapedeck to the desktop's autostart (%1)").arg(QDir::toNativeSeparators(autostartEntryPath())));
    m_notifications = new QCheckBox(tr("Show notifications"), page);
    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    auto *lay = new QVBoxLayout(page);
    lay->addWidget(m_tray);
    lay->addWidget(m_startMinimized);
    lay->addWidget(m_startAtLogin);
    m_silenceWarn = new QSpinBox(page);
    m_silenceWarn->setObjectName(QStringLiteral("silenceWarnSpin"));
    m_silenceWarn->setRange(0, 3600);
    m_silenceWarn->setSuffix(tr(" s"));
    m_silenceWarn->setSpecialValueText(tr("Never"));
    auto *silenceForm = makeForm(nullptr);
    silenceForm->addRow(tr("Warn when a recording is silent for:"), m_silenceWarn);
    m_blackWarn = new QSpinBox(page);
    m_blackWarn->setObjectName(QStringLiteral("blackWarnSpin"));
    m_blackWarn->setRange(0, 3600);
    m_blackWarn->setSuffix(tr(" s"));
    m_blackWarn->setSpecialValueText(tr("Never"));
    silenceForm->addRow(tr("Warn when a recording's picture is black for:"), m_blackWarn);
    lay->addLayout(silenceForm);
    lay->addWidget(m_notifications);
    lay->addStretch(1);
    return page;
}

QWidget *SettingsDialog::languagePage()
{
    auto *page = new QWidget;
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System default"), QString());
    // Language names in their own language, so anyone can find theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    auto *form = makeForm(page);
    form->addRow(tr("Language:"), m_language);
    form->addRow(note(tr("The window switches to the new language when you press OK; recordings keep running."), page));
    return page;
}

void SettingsDialog::load()
{
    const Settings &s = m_settings;
    m_folder->setText(s.string(SettingKey::RecordingsFolder));
    m_format->setCurrentIndex(qMax(0, m_format->findData(s.string(SettingKey::DefaultFormat))));
    m_chunk->setValue(int(s.integer(SettingKey::DefaultChunkSeconds)));
    m_pattern->setText(s.string(SettingKey::FileNamePattern));
    m_overwrite->setChecked(s.flag(SettingKey::Overwrite));
    m_fsync->setValue(int(s.integer(SettingKey::FsyncIntervalMs)));
    m_reconnectInitial->setValue(toSeconds(s.integer(SettingKey::ReconnectInitialMs)));
    m_reconnectMax->setValue(toSeconds(s.integer(SettingKey::ReconnectMaxMs)));
    m_openTimeout->setValue(toSeconds(s.integer(SettingKey::OpenTimeoutMs)));
    m_stallTimeout->setValue(toSeconds(s.integer(SettingKey::StallTimeoutMs)));
    m_reserve->setValue(int(s.integer(SettingKey::DiskReserveMb)));
    m_diskWarn->setValue(int(s.integer(SettingKey::DiskWarnMinutes)));
    m_rules = loadRetentionRules(s);
    {
        QStringList folders{s.string(SettingKey::RecordingsFolder)};
        for (const RetentionRule &r : m_rules)
            folders << r.folder;
        setKnownFolders(folders);
        QSignalBlocker block(m_retentionFolder);
        m_retentionFolder->setCurrentIndex(0);
        showRule(m_retentionFolder->currentText());
    }
    m_tray->setChecked(s.flag(SettingKey::MinimizeToTray));
    m_startMinimized->setChecked(s.flag(SettingKey::StartMinimized));
    m_startAtLogin->setChecked(autostartEnabled());
    m_silenceWarn->setValue(int(s.integer(SettingKey::SilenceWarnSeconds)));
    m_blackWarn->setValue(int(s.integer(SettingKey::BlackWarnSeconds)));
    m_notifications->setChecked(s.flag(SettingKey::Notifications));
    m_language->setCurrentIndex(qMax(0, m_language->findData(s.string(SettingKey::Language))));
}

void SettingsDialog::accept()
{
    Settings &s = m_settings;
    s.setValue(SettingKey::RecordingsFolder, m_folder->text().trimmed());
    s.setValue(SettingKey::DefaultFormat, m_format->currentData());
    s.setValue(SettingKey::DefaultChunkSeconds, m_chunk->value());
    s.setValue(SettingKey::FileNamePattern, m_pattern->text().trimmed());
    s.setValue(SettingKey::Overwrite, m_overwrite->isChecked());
    s.setValue(SettingKey::FsyncIntervalMs, m_fsync->value());
    s.setValue(SettingKey::ReconnectInitialMs, qint64(m_reconnectInitial->value()) * 1000);
    s.setValue(SettingKey::ReconnectMaxMs, qint64(qMax(m_reconnectMax->value(), m_reconnectInitial->value())) * 1000);
    s.setValue(SettingKey::OpenTimeoutMs, qint64(m_openTimeout->value()) * 1000);
    s.setValue(SettingKey::StallTimeoutMs, qint64(m_stallTimeout->value()) * 1000);
    s.setValue(SettingKey::DiskReserveMb, m_reserve->value());
    s.setValue(SettingKey::DiskWarnMinutes, m_diskWarn->value());
    // What is on screen belongs to the folder on screen (typed without Enter, too).
    if (!m_retentionFolder->currentText().trimmed().isEmpty())
        m_ruleFolder = currentRule().folder;
    storeRule();
    saveRetentionRules(s, m_rules);
    s.setValue(SettingKey::MinimizeToTray, m_tray->isChecked());
    s.setValue(SettingKey::StartMinimized, m_startMinimized->isChecked());
    s.setValue(SettingKey::SilenceWarnSeconds, m_silenceWarn->value());
    s.setValue(SettingKey::BlackWarnSeconds, m_blackWarn->value());
    // The entry is the desktop's, not a setting: written or removed only
    // when the box changed, so a hand-made entry is not rewritten.
    if (m_startAtLogin->isChecked() != autostartEnabled())
        if (Status done = setAutostart(m_startAtLogin->isChecked(), QCoreApplication::applicationFilePath()); !done)
            m_autostartError = done.message();
    s.setValue(SettingKey::Notifications, m_notifications->isChecked());
    s.setValue(SettingKey::Language, m_language->currentData());
    s.sync();
    emit applied();
    QDialog::accept();
}

} // namespace ui
} // namespace tapedeck
