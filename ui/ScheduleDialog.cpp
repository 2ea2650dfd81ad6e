#include "ui/ScheduleDialog.h"

#include "ui/LayoutUtil.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace tapedeck {
namespace ui {

namespace {

QString durationText(qint64 secs)
{
    const qint64 minutes = (secs + 59) / 60;
    if (minutes < 60)
        return ScheduleDialog::tr("%n min", nullptr, int(minutes));
    if (minutes % 60 == 0)
        return ScheduleDialog::tr("%n h", nullptr, int(minutes / 60));
    return ScheduleDialog::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

} // namespace

ScheduleDialog::ScheduleDialog(std::vector<Schedule> schedules, QVector<ScheduleSourceChoice> sources,
                               const ScheduleClock &clock, QWidget *parent)
    : QDialog(parent), m_schedules(std::move(schedules)), m_sources(std::move(sources)), m_clock(clock)
{
    setObjectName(QStringLiteral("scheduleDialog"));
    setWindowTitle(tr("Scheduled recordings"));
    buildUi();
    refreshList();
    if (!m_schedules.empty())
        m_list->setCurrentRow(0);
    showCurrent();
    holdWrappedText(this);
}

QString ScheduleDialog::timeText(QTime t)
{
    // Seconds only when a schedule has them (set to the second by hand or by a test).
    return t.second() ? QLocale().toString(t, QStringLiteral("HH:mm:ss"))
                      : QLocale().toString(t, QStringLiteral("HH:mm"));
}

QString ScheduleDialog::describe(const Schedule &s)
{
    QString days;
    if (s.once()) {
        days = QLocale().toString(s.onceDate, QLocale::ShortFormat);
    } else if (s.weekdays == kEveryDay) {
        days = tr("Every day");
    } else if (s.weekdays == kMondayToFriday) {
        days = tr("Monday to Friday");
    } else {
        QStringList names;
        for (int d = 1; d <= 7; ++d)
            if (s.weekdays & weekdayBit(d))
                names << QLocale().dayName(d, QLocale::ShortFormat);
        days = names.isEmpty() ? tr("No day") : names.join(QStringLiteral(", "));
    }
    const QString times = s.stopKind == ScheduleStop::AtTime
        ? tr("%1–%2").arg(timeText(s.start), timeText(s.stop))
        : tr("%1 for %2").arg(timeText(s.start), durationText(s.durationSec));
    return tr("%1 %2").arg(days, times);
}

QString ScheduleDialog::whenText(const QDateTime &instant, const QDateTime &now, const QTimeZone &zone)
{
    const QDateTime at = instant.toTimeZone(zone);
    const QDate today = now.toTimeZone(zone).date();
    const QString time = timeText(at.time());
    if (at.date() == today)
        return tr("today %1").arg(time);
    if (at.date() == today.addDays(1))
        return tr("tomorrow %1").arg(time);
    return tr("%1 %2").arg(QLocale().toString(at.date(), QStringLiteral("ddd d MMM")), time);
}

void ScheduleDialog::buildUi()
{
    auto *intro = new QLabel(tr("Scheduled recordings run while Tapedeck runs, also with its window closed to the "
                                "tray. A start missed while the computer was asleep starts late if its stop time "
                                "is still ahead, and says so."),
                             this);
    intro->setWordWrap(true);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("scheduleList"));
    m_list->setMinimumWidth(160);
    m_list->setWordWrap(true);
    m_add = new QPushButton(QIcon(QStringLiteral(":/icons/add.svg")), tr("Add"), this);
    m_add->setObjectName(QStringLiteral("addScheduleButton"));
    m_remove = new QPushButton(QIcon(QStringLiteral(":/icons/remove.svg")), tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeScheduleButton"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch(1);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_editor = new QGroupBox(tr("Schedule"), this);
    m_editor->setObjectName(QStringLiteral("scheduleEditor"));
    m_source = new QComboBox(m_editor);
    m_source->setObjectName(QStringLiteral("scheduleSourceCombo"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(10);
    for (const ScheduleSourceChoice &c : std::as_const(m_sources))
        m_source->addItem(c.name, c.id);
    m_enabled = new QCheckBox(tr("On"), m_editor);
    m_enabled->setObjectName(QStringLiteral("scheduleEnabledCheck"));
    m_enabled->setToolTip(tr("Off keeps the schedule without recording"));
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(m_enabled);

    m_start = new QTimeEdit(m_editor);
    m_start->setObjectName(QStringLiteral("scheduleStartEdit"));
    m_start->setDisplayFormat(QStringLiteral("HH:mm:ss"));
    m_stopMode = new QComboBox(m_editor);
    m_stopMode->setObjectName(QStringLiteral("scheduleStopModeCombo"));
    m_stopMode->addItem(tr("Stop at"), int(ScheduleStop::AtTime));
    m_stopMode->addItem(tr("Record for"), int(ScheduleStop::After));
    m_stop = new QTimeEdit(m_editor);
    m_stop->setObjectName(QStringLiteral("scheduleStopEdit"));
    m_stop->setDisplayFormat(QStringLiteral("HH:mm:ss"));
    m_stop->setToolTip(tr("A stop time at or before the start is on the next day"));
    m_duration = new QSpinBox(m_editor);
    m_duration->setObjectName(QStringLiteral("scheduleDurationSpin"));
    m_duration->setRange(1, 24 * 60);
    m_duration->setSuffix(tr(" min"));
    auto *stopRow = new QHBoxLayout;
    stopRow->addWidget(m_stopMode);
    stopRow->addWidget(m_stop, 1);
    stopRow->addWidget(m_duration, 1);

    m_onceRadio = new QRadioButton(tr("Once on"), m_editor);
    m_onceRadio->setObjectName(QStringLiteral("scheduleOnceRadio"));
    m_date = new QDateEdit(m_editor);
    m_date->setObjectName(QStringLiteral("scheduleDateEdit"));
    m_date->setCalendarPopup(true);
    m_weeklyRadio = new QRadioButton(tr("Every week on"), m_editor);
    m_weeklyRadio->setObjectName(QStringLiteral("scheduleWeeklyRadio"));
    auto *group = new QButtonGroup(m_editor);
    group->addButton(m_onceRadio);
    group->addButton(m_weeklyRadio);
    auto *onceRow = new QHBoxLayout;
    onceRow->addWidget(m_onceRadio);
    onceRow->addWidget(m_date, 1);
    // Two rows of days: seven in one row made the dialog wider than 640 px in German.
    auto *dayGrid = new QGridLayout;
    for (int d = 1; d <= 7; ++d) {
        m_days[d - 1] = new QCheckBox(QLocale().dayName(d, QLocale::ShortFormat), m_editor);
        m_days[d - 1]->setObjectName(QStringLiteral("scheduleDay%1").arg(d));
        dayGrid->addWidget(m_days[d - 1], (d - 1) / 4, (d - 1) % 4);
    }

    m_next = new QLabel(m_editor);
    m_next->setObjectName(QStringLiteral("scheduleNextLabel"));
    m_next->setWordWrap(true);

    auto *form = new QFormLayout(m_editor);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("Source:"), sourceRow);
    form->addRow(tr("Start:"), m_start);
    form->addRow(tr("Stop:"), stopRow);
    form->addRow(onceRow);
    form->addRow(m_weeklyRadio);
    form->addRow(dayGrid);
    form->addRow(m_next);

    auto *middle = new QHBoxLayout;
    middle->addLayout(left, 2);
    middle->addWidget(m_editor, 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("scheduleButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ScheduleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ScheduleDialog::reject);

    auto *lay = new QVBoxLayout(this);
    lay->addWidget(intro);
    lay->addLayout(middle, 1);
    lay->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
    connect(m_add, &QPushButton::clicked, this, [this] { addFor(QString()); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int i = current();
        if (i < 0)
            return;
        m_schedules.erase(m_schedules.begin() + i);
        refreshList();
        m_list->setCurrentRow(std::min<int>(i, int(m_schedules.size()) - 1));
        showCurrent();
    });
    auto edited = [this] {
        if (m_loading)
            return;
        storeCurrent();
        refreshList();
        updateNext();
    };
    connect(m_source, &QComboBox::currentIndexChanged, this, edited);
    connect(m_enabled, &QCheckBox::toggled, this, edited);
    connect(m_start, &QTimeEdit::timeChanged, this, edited);
    connect(m_stop, &QTimeEdit::timeChanged, this, edited);
    connect(m_duration, &QSpinBox::valueChanged, this, edited);
    connect(m_stopMode, &QComboBox::currentIndexChanged, this, edited);
    connect(m_date, &QDateEdit::dateChanged, this, edited);
    connect(m_onceRadio, &QRadioButton::toggled, this, edited);
    for (QCheckBox *day : m_days)
        connect(day, &QCheckBox::toggled, this, edited);
}

int ScheduleDialog::current() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < int(m_schedules.size()) ? row : -1;
}

QString ScheduleDialog::sourceName(const QString &id) const
{
    for (const ScheduleSourceChoice &c : m_sources)
        if (c.id == id)
            return c.name;
    return tr("(removed source)");
}

void ScheduleDialog::addFor(const QString &sourceId)
{
    Schedule s;
    s.sourceId = sourceId.isEmpty() && !m_sources.isEmpty() ? m_sources.first().id : sourceId;
    // The next whole quarter hour, for an hour, once: the commonest wish, and
    // nothing recurring by surprise.
    const QDateTime now = m_clock.nowUtc().toTimeZone(m_clock.zone());
    QDateTime start(now.date(), QTime(now.time().hour(), now.time().minute() / 15 * 15), m_clock.zone());
    start = start.addSecs(15 * 60);
    s.start = start.time();
    s.stop = start.addSecs(3600).time();
    s.durationSec = 3600;
    s.onceDate = start.date();
    s.weekdays = kMondayToFriday;
    m_schedules.push_back(s);
    refreshList();
    m_list->setCurrentRow(int(m_schedules.size()) - 1);
    showCurrent();
}

void ScheduleDialog::refreshList()
{
    const QSignalBlocker block(m_list);
    const int row = m_list->currentRow();
    while (m_list->count() > int(m_schedules.size()))
        delete m_list->takeItem(m_list->count() - 1);
    for (int i = 0; i < int(m_schedules.size()); ++i) {
        const Schedule &s = m_schedules[size_t(i)];
        QString text = sourceName(s.sourceId) + u'\n' + describe(s);
        if (!s.enabled)
            text += u' ' + tr("(off)");
        else if (s.done())
            text += u' ' + tr("(done)");
        if (i < m_list->count())
            m_list->item(i)->setText(text);
        else
            m_list->addItem(text);
    }
    m_list->setCurrentRow(row);
    m_remove->setEnabled(current() >= 0);
}

void ScheduleDialog::showCurrent()
{
    const int i = current();
    m_editor->setEnabled(i >= 0);
    m_remove->setEnabled(i >= 0);
    if (i < 0) {
        m_next->setText(m_schedules.empty() ? tr("No scheduled recordings. Add one.") : QString());
        return;
    }
    m_loading = true;
    const Schedule &s = m_schedules[size_t(i)];
    const int src = m_source->findData(s.sourceId);
    if (src < 0)
        m_source->addItem(sourceName(s.sourceId), s.sourceId);
    m_source->setCurrentIndex(m_source->findData(s.sourceId));
    m_enabled->setChecked(s.enabled);
    m_start->setTime(s.start);
    m_stopMode->setCurrentIndex(m_stopMode->findData(int(s.stopKind)));
    m_stop->setTime(s.stop.isValid() ? s.stop : s.start.addSecs(3600));
    m_duration->setValue(int(std::max<qint64>(1, s.durationSec / 60)));
    const QDate today = m_clock.nowUtc().toTimeZone(m_clock.zone()).date();
    m_date->setDate(s.once() ? s.onceDate : today);
    m_onceRadio->setChecked(s.once());
    m_weeklyRadio->setChecked(!s.once());
    for (int d = 1; d <= 7; ++d)
        m_days[d - 1]->setChecked(s.weekdays & weekdayBit(d));
    m_loading = false;
    updateNext();
}

void ScheduleDialog::storeCurrent()
{
    const int i = current();
    if (i < 0)
        return;
    Schedule &s = m_schedules[size_t(i)];
    s.sourceId = m_source->currentData().toString();
    s.enabled = m_enabled->isChecked();
    s.start = m_start->time();
    s.stopKind = ScheduleStop(m_stopMode->currentData().toInt());
    s.stop = m_stop->time();
    // The spin counts minutes; a duration typed elsewhere to the second stays as it was.
    if (s.durationSec / 60 != m_duration->value())
        s.durationSec = qint64(m_duration->value()) * 60;
    s.onceDate = m_onceRadio->isChecked() ? m_date->date() : QDate();
    int days = 0;
    for (int d = 1; d <= 7; ++d)
        if (m_days[d - 1]->isChecked())
            days |= weekdayBit(d);
    s.weekdays = days;
}

QString ScheduleDialog::problem(const Schedule &s) const
{
    if (!s.once() && s.weekdays == 0)
        return tr("Choose at least one day.");
    if (s.stopKind == ScheduleStop::AtTime && s.stop == s.start)
        return tr("The stop time is the start time; choose another, or a duration.");
    return QString();
}

void ScheduleDialog::updateNext()
{
    const bool weekly = m_weeklyRadio->isChecked();
    m_date->setEnabled(!weekly);
    for (QCheckBox *day : m_days)
        day->setEnabled(weekly);
    const bool after = ScheduleStop(m_stopMode->currentData().toInt()) == ScheduleStop::After;
    m_stop->setVisible(!after);
    m_duration->setVisible(after);
    const int i = current();
    if (i < 0)
        return;
    const Schedule &s = m_schedules[size_t(i)];
    QString text = problem(s);
    m_next->setProperty("problem", !text.isEmpty());
    m_next->setStyleSheet(text.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    if (text.isEmpty()) {
        const QDateTime now = m_clock.nowUtc();
        Schedule probe = s;
        probe.lastHandled = QDate(); // what the times say, not whether it ran already
        const std::optional<Occurrence> o = nextOccurrence(probe, now, m_clock.zone());
        if (!s.enabled)
            text = tr("Off: it keeps its times and records nothing.");
        else if (o)
            text = tr("Next: %1 until %2.")
                       .arg(whenText(o->start, now, m_clock.zone()), whenText(o->stop, now, m_clock.zone()));
        else
            text = tr("That time has passed; it will not record.");
    }
    m_next->setText(text);
}

void ScheduleDialog::accept()
{
    storeCurrent();
    for (int i = 0; i < int(m_schedules.size()); ++i) {
        if (!problem(m_schedules[size_t(i)]).isEmpty()) {
            m_list->setCurrentRow(i);
            showCurrent();
            return; // the label says what is wrong
        }
    }
    QDialog::accept();
}

} // namespace ui
} // namespace tapedeck
