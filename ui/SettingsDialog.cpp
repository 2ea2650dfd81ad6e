#include "ui/LayoutUtil.h"
#include "ui/SettingsDialog.h"

#include "core/app/Settings.h"
#include "ui/RecordOptionsWidget.h"

#include <QCheckBox>
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

    auto *form = new QFormLayout(page);
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
    auto *form = new QFormLayout(page);
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
    auto *form = new QFormLayout(page);
    form->addRow(tr("First reconnect after:"), m_reconnectInitial);
    form->addRow(tr("Longest wait between reconnects:"), m_reconnectMax);
    form->addRow(tr("Give up opening after:"), m_openTimeout);
    // What the timeout really governs: a refusal is not waited for.
    form->addRow(QString(),
                 note(tr("A server that refuses the connection is reported at once; one that does not "
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
    auto *form = new QFormLayout(page);
    form->addRow(tr("Keep free at least:"), m_reserve);
    form->addRow(note(tr("Below this, a recording does not start, and a running recording stops cleanly and "
                         "keeps what it wrote."),
                      page));
    return page;
}

QWidget *SettingsDialog::behaviourPage()
{
    auto *page = new QWidget;
    m_tray = new QCheckBox(tr("Keep running in the tray when the window is closed"), page);
    m_tray->setObjectName(QStringLiteral("minimizeToTrayCheck"));
    m_startMinimized = new QCheckBox(tr("Start minimised to the tray"), page);
    m_startMinimized->setObjectName(QStringLiteral("startMinimizedCheck"));
    m_notifications = new QCheckBox(tr("Show notifications"), page);
    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    auto *lay = new QVBoxLayout(page);
    lay->addWidget(m_tray);
    lay->addWidget(m_startMinimized);
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
    auto *form = new QFormLayout(page);
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
    m_tray->setChecked(s.flag(SettingKey::MinimizeToTray));
    m_startMinimized->setChecked(s.flag(SettingKey::StartMinimized));
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
    s.setValue(SettingKey::MinimizeToTray, m_tray->isChecked());
    s.setValue(SettingKey::StartMinimized, m_startMinimized->isChecked());
    s.setValue(SettingKey::Notifications, m_notifications->isChecked());
    s.setValue(SettingKey::Language, m_language->currentData());
    s.sync();
    emit applied();
    QDialog::accept();
}

} // namespace ui
} // namespace tapedeck
