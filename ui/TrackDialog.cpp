#include "ui/TrackDialog.h"

#include "core/base/Redact.h"
#include "ui/LayoutUtil.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace tapedeck {
namespace ui {
namespace {

constexpr int kProgramRole = Qt::UserRole;    // index into m_programs
constexpr int kStreamRole = Qt::UserRole + 1; // the source's stream index; -1 on a program row

AVMediaType mediaTypeOf(const QString &name)
{
    if (name == u"video")
        return AVMEDIA_TYPE_VIDEO;
    if (name == u"audio")
        return AVMEDIA_TYPE_AUDIO;
    if (name == u"subtitle")
        return AVMEDIA_TYPE_SUBTITLE;
    if (name == u"data")
        return AVMEDIA_TYPE_DATA;
    return AVMEDIA_TYPE_UNKNOWN;
}

// The kind inside a phrase ("no video", "audio eng"): its own words, since
// German capitalises nouns where English and French do not.
QString kindInPhrase(AVMediaType type)
{
    switch (type) {
    case AVMEDIA_TYPE_VIDEO:
        return TrackDialog::tr("video", "kind of track inside a phrase: \"no video\", \"video 0\"");
    case AVMEDIA_TYPE_AUDIO:
        return TrackDialog::tr("audio", "kind of track inside a phrase: \"no audio\", \"audio eng\"");
    case AVMEDIA_TYPE_SUBTITLE:
        return TrackDialog::tr("subtitles", "kind of track inside a phrase: \"no subtitles\"");
    case AVMEDIA_TYPE_DATA:
        return TrackDialog::tr("data", "kind of track inside a phrase: \"no data\"");
    default:
        return TrackDialog::tr("other", "kind of track inside a phrase");
    }
}

QString kindWord(AVMediaType type)
{
    switch (type) {
    case AVMEDIA_TYPE_VIDEO:
        return TrackDialog::tr("Video");
    case AVMEDIA_TYPE_AUDIO:
        return TrackDialog::tr("Audio");
    case AVMEDIA_TYPE_SUBTITLE:
        return TrackDialog::tr("Subtitles");
    case AVMEDIA_TYPE_DATA:
        return TrackDialog::tr("Data");
    default:
        return TrackDialog::tr("Other");
    }
}

// "Audio eng AAC 48 kHz, 2 channels" for the tree.
QString probedText(const ProbedStream &s)
{
    RecordedTrack t;
    t.type = mediaTypeOf(s.type);
    t.codec = s.codec;
    t.language = s.language;
    t.width = s.width;
    t.height = s.height;
    t.channels = s.channels;
    QString text = trackText(t);
    if (t.type == AVMEDIA_TYPE_VIDEO && s.fps > 0)
        text += TrackDialog::tr(", %1 fps").arg(s.fps, 0, 'g', 4);
    if (t.type == AVMEDIA_TYPE_AUDIO && s.sampleRate > 0)
        text += TrackDialog::tr(", %1 kHz").arg(s.sampleRate / 1000.0, 0, 'g', 4);
    if (t.type == AVMEDIA_TYPE_AUDIO && s.channels > 0)
        text += TrackDialog::tr(", %n channel(s)", nullptr, s.channels);
    return text;
}

QString programText(const ProbedProgram &p)
{
    if (p.number < 0)
        return TrackDialog::tr("All tracks of the source");
    QString text = TrackDialog::tr("Program %1").arg(p.number);
    if (!p.name.isEmpty())
        text += QStringLiteral(" \u201c%1\u201d").arg(p.name);
    if (!p.provider.isEmpty())
        text += TrackDialog::tr(" (%1)").arg(p.provider);
    return text;
}

} // namespace

QString codecDisplayName(const QString &ffmpegName)
{
    static const std::pair<const char *, const char *> kNames[] = {
        {"h264", "H.264"},    {"hevc", "H.265"},        {"av1", "AV1"},          {"vp8", "VP8"},
        {"vp9", "VP9"},       {"mpeg2video", "MPEG-2"}, {"mpeg4", "MPEG-4"},     {"aac", "AAC"},
        {"mp3", "MP3"},       {"mp2", "MP2"},           {"ac3", "AC-3"},         {"eac3", "E-AC-3"},
        {"opus", "Opus"},     {"flac", "FLAC"},         {"dvb_subtitle", "DVB"}, {"dvb_teletext", "Teletext"},
        {"mov_text", "Text"}, {"subrip", "SubRip"},     {"webvtt", "WebVTT"},
    };
    for (const auto &[ff, shown] : kNames)
        if (ffmpegName == QLatin1String(ff))
            return QString::fromLatin1(shown);
    return ffmpegName.toUpper();
}

QString trackText(const RecordedTrack &t)
{
    QString text = kindWord(t.type);
    if (!t.language.isEmpty())
        text += u' ' + t.language;
    text += u' ' + codecDisplayName(t.codec);
    if (t.type == AVMEDIA_TYPE_VIDEO && t.width > 0 && t.height > 0)
        text += QStringLiteral(" %1\u00d7%2").arg(t.width).arg(t.height);
    if (!t.title.isEmpty())
        text += QStringLiteral(" \u201c%1\u201d").arg(t.title);
    return text;
}

QString tracksText(const std::vector<RecordedTrack> &tracks)
{
    QStringList parts;
    for (const RecordedTrack &t : tracks)
        parts << trackText(t);
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString TrackDialog::summary(const TrackSelection &selection)
{
    if (selection.isDefault())
        return tr("Every track of the main program (default)");
    QStringList parts;
    for (const QString &item : selection.tracks) {
        const QString kind = item.section(u':', 0, 0);
        const QString which = item.section(u':', 1);
        const AVMediaType type = kind == u"v" ? AVMEDIA_TYPE_VIDEO
            : kind == u"a"                    ? AVMEDIA_TYPE_AUDIO
            : kind == u"s"                    ? AVMEDIA_TYPE_SUBTITLE
                                              : AVMEDIA_TYPE_DATA;
        if (which == u"none")
            parts << tr("no %1").arg(kindInPhrase(type));
        else
            parts << QStringLiteral("%1 %2").arg(kindInPhrase(type), which).trimmed();
    }
    const QString tracks = parts.isEmpty() ? tr("every track") : parts.join(QStringLiteral(", "));
    if (selection.program >= 0)
        return tr("Program %1: %2").arg(selection.program).arg(tracks);
    return tr("Tracks: %1").arg(tracks);
}

TrackDialog::TrackDialog(QString spec, qint64 openTimeoutMs, TrackSelection current, QWidget *parent)
    : QDialog(parent), m_spec(std::move(spec)), m_openTimeoutMs(openTimeoutMs), m_current(std::move(current))
{
    setObjectName(QStringLiteral("trackDialog"));
    setWindowTitle(tr("Tracks to record"));

    auto *intro = new QLabel(tr("A stream can carry several programs and audio languages. Tick what to record; "
                                "by default every track of the main program is recorded."),
                             this);
    intro->setWordWrap(true);

    m_detect = new QPushButton(tr("&Detect tracks"), this);
    m_detect->setObjectName(QStringLiteral("detectTracksButton"));
    m_detect->setToolTip(tr("Open the source and list its programs and tracks"));
    connect(m_detect, &QPushButton::clicked, this, &TrackDialog::detect);
    m_reset = new QPushButton(tr("&Record every track"), this);
    m_reset->setObjectName(QStringLiteral("tracksResetButton"));
    m_reset->setToolTip(tr("Forget the choice: record every track of the main program"));
    connect(m_reset, &QPushButton::clicked, this, [this] {
        m_current = TrackSelection{};
        if (m_detected)
            showOutcome(ProbeOutcome{ProbeProblem::None, ProbeReport{QString(), false, {}, m_programs}, {}});
        else
            updateState();
    });

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("trackStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("trackTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Track"), tr("Chosen by")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setRootIsDecorated(true);
    m_tree->setMinimumHeight(120);
    connect(m_tree, &QTreeWidget::itemChanged, this, &TrackDialog::onItemChanged);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("trackButtons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TrackDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TrackDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(m_detect);
    row->addWidget(m_reset);
    row->addStretch(1);
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(intro);
    lay->addLayout(row);
    lay->addWidget(m_status);
    lay->addWidget(m_tree, 1);
    lay->addWidget(m_buttons);
    updateState();
    holdWrappedText(this);
    resize(std::max(width(), 560), std::max(height(), 380));
}

void TrackDialog::detect()
{
    if (m_job)
        return;
    m_status->setText(tr("Detecting… (up to %n second(s))", nullptr, int((m_openTimeoutMs + 999) / 1000)));
    m_job = new ProbeJob(m_spec, m_openTimeoutMs, this);
    connect(m_job, &ProbeJob::finished, this, [this](const ProbeOutcome &outcome) {
        if (sender() != m_job)
            return;
        m_job->deleteLater();
        m_job = nullptr;
        showOutcome(outcome);
    });
    m_job->start();
    updateState();
}

std::vector<TrackCandidate> TrackDialog::candidatesOf(int program) const
{
    std::vector<TrackCandidate> out;
    if (program < 0 || size_t(program) >= m_programs.size())
        return out;
    for (const ProbedStream &s : m_programs[size_t(program)].streams)
        out.push_back(TrackCandidate{s.index, mediaTypeOf(s.type), s.language});
    return out;
}

void TrackDialog::showOutcome(const ProbeOutcome &outcome)
{
    if (!outcome.ok()) {
        m_status->setText(tr("The tracks could not be detected: %1")
                              .arg(redactText(outcome.problem == ProbeProblem::OpenFailed ? outcome.error.message
                                                                                          : outcome.message())));
        updateState();
        return;
    }
    m_programs = outcome.report.programs;
    m_detected = true;
    // Which program and tracks to tick: the saved choice when it still
    // matches the source, else the default, and say so.
    int program = -1;
    for (size_t p = 0; p < m_programs.size(); ++p)
        if (m_current.program >= 0 ? m_programs[p].number == m_current.program : m_programs[p].recorded)
            program = int(p);
    QString warning;
    std::vector<int> ticked;
    if (program < 0 && m_current.program >= 0) {
        warning = tr("The saved choice names program %1, which the source does not carry now. The default is shown.")
                      .arg(m_current.program);
        for (size_t p = 0; p < m_programs.size(); ++p)
            if (m_programs[p].recorded)
                program = int(p);
    }
    if (program >= 0) {
        if (warning.isEmpty() && !m_current.tracks.isEmpty()) {
            auto chosen = selectTracks(candidatesOf(program), m_current.tracks);
            if (chosen)
                ticked = *chosen;
            else
                warning = tr("The saved choice no longer matches the source (%1). The default is shown.")
                              .arg(chosen.message());
        }
        if (ticked.empty())
            for (const ProbedStream &s : m_programs[size_t(program)].streams)
                ticked.push_back(s.index);
    }

    m_filling = true;
    m_tree->clear();
    for (size_t p = 0; p < m_programs.size(); ++p) {
        const ProbedProgram &prog = m_programs[p];
        auto *top = new QTreeWidgetItem(m_tree, {programText(prog), QString()});
        top->setData(0, kProgramRole, int(p));
        top->setData(0, kStreamRole, -1);
        top->setFlags(top->flags() | Qt::ItemIsUserCheckable);
        top->setCheckState(0, int(p) == program ? Qt::Checked : Qt::Unchecked);
        for (const ProbedStream &s : prog.streams) {
            auto *item = new QTreeWidgetItem(top, {probedText(s), s.item});
            item->setData(0, kProgramRole, int(p));
            item->setData(0, kStreamRole, s.index);
            if (!s.title.isEmpty())
                item->setToolTip(0, s.title);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            const bool on = int(p) == program && std::find(ticked.begin(), ticked.end(), s.index) != ticked.end();
            item->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
        }
        top->setExpanded(true);
    }
    m_filling = false;
    const int tracks = std::accumulate(m_programs.begin(), m_programs.end(), 0,
                                       [](int n, const ProbedProgram &p) { return n + int(p.streams.size()); });
    const QString found = m_programs.size() > 1
        ? tr("Found %n program(s)", nullptr, int(m_programs.size())) + tr(" with %n track(s).", nullptr, tracks)
        : tr("Found %n track(s).", nullptr, tracks);
    m_found = warning.isEmpty() ? found : found + u' ' + warning;
    m_status->setText(m_found);
    m_status->setProperty("warning", !warning.isEmpty());
    updateState();
}

void TrackDialog::onItemChanged(QTreeWidgetItem *item, int column)
{
    if (m_filling || column != 0)
        return;
    m_filling = true;
    const bool isProgram = item->data(0, kStreamRole).toInt() < 0;
    QTreeWidgetItem *top = isProgram ? item : item->parent();
    // One program at a time: ticking a program or one of its tracks
    // unticks every other program.
    if (item->checkState(0) == Qt::Checked) {
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *other = m_tree->topLevelItem(i);
            if (other == top)
                continue;
            other->setCheckState(0, Qt::Unchecked);
            for (int k = 0; k < other->childCount(); ++k)
                other->child(k)->setCheckState(0, Qt::Unchecked);
        }
        top->setCheckState(0, Qt::Checked);
        bool any = false;
        for (int k = 0; k < top->childCount(); ++k)
            any = any || top->child(k)->checkState(0) == Qt::Checked;
        if (isProgram && !any) // a program ticked on its own: all of it
            for (int k = 0; k < top->childCount(); ++k)
                top->child(k)->setCheckState(0, Qt::Checked);
    } else if (isProgram) {
        for (int k = 0; k < top->childCount(); ++k)
            top->child(k)->setCheckState(0, Qt::Unchecked);
    }
    m_filling = false;
    updateState();
}

int TrackDialog::checkedProgram() const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->checkState(0) == Qt::Checked)
            return m_tree->topLevelItem(i)->data(0, kProgramRole).toInt();
    return -1;
}

TrackSelection TrackDialog::selection() const
{
    if (!m_detected)
        return m_current;
    TrackSelection out;
    const int p = checkedProgram();
    if (p < 0)
        return m_current;
    // The program by number only where there is a choice of programs; the
    // default program is named too, so that a change of the multiplex does
    // not switch the recording to another one.
    if (m_programs.size() > 1)
        out.program = m_programs[size_t(p)].number;
    std::vector<int> keep;
    QTreeWidgetItem *top = m_tree->topLevelItem(p);
    for (int k = 0; top && k < top->childCount(); ++k)
        if (top->child(k)->checkState(0) == Qt::Checked)
            keep.push_back(top->child(k)->data(0, kStreamRole).toInt());
    out.tracks = trackListFor(candidatesOf(p), keep);
    return out;
}

void TrackDialog::updateState()
{
    m_detect->setEnabled(!m_job && !m_spec.trimmed().isEmpty());
    m_tree->setEnabled(m_detected && !m_job);
    bool ok = true;
    if (m_detected) {
        const int p = checkedProgram();
        ok = false;
        QTreeWidgetItem *top = p >= 0 ? m_tree->topLevelItem(p) : nullptr;
        for (int k = 0; top && k < top->childCount(); ++k) {
            const QString kind = m_programs[size_t(p)].streams[size_t(k)].type;
            if (top->child(k)->checkState(0) == Qt::Checked && (kind == u"video" || kind == u"audio"))
                ok = true;
        }
        if (!ok)
            m_status->setText(tr("Tick at least one video or audio track."));
        else
            m_status->setText(m_found);
    } else if (m_status->text().isEmpty()) {
        m_status->setText(
            tr("Saved choice: %1. Click “Detect tracks” to see what the source carries.").arg(summary(m_current)));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok && !m_job);
}

} // namespace ui
} // namespace tapedeck
