#include "core/source/TrackSelection.h"

#include <QRegularExpression>

#include <algorithm>

namespace tapedeck {
namespace {

AVMediaType kindOf(const QString &word)
{
    if (word == u"v" || word == u"video")
        return AVMEDIA_TYPE_VIDEO;
    if (word == u"a" || word == u"audio")
        return AVMEDIA_TYPE_AUDIO;
    if (word == u"s" || word == u"subtitle" || word == u"subtitles")
        return AVMEDIA_TYPE_SUBTITLE;
    if (word == u"d" || word == u"data")
        return AVMEDIA_TYPE_DATA;
    return AVMEDIA_TYPE_UNKNOWN;
}

QString kindWord(AVMediaType type)
{
    switch (type) {
    case AVMEDIA_TYPE_VIDEO:
        return QStringLiteral("video");
    case AVMEDIA_TYPE_AUDIO:
        return QStringLiteral("audio");
    case AVMEDIA_TYPE_SUBTITLE:
        return QStringLiteral("subtitle");
    case AVMEDIA_TYPE_DATA:
        return QStringLiteral("data");
    default:
        return QStringLiteral("other");
    }
}

// ISO 639-2 has two codes for some languages (bibliographic "ger",
// terminological "deu"); sources use both. One spelling for comparing.
QString canonicalLanguage(const QString &tag)
{
    static const std::pair<const char *, const char *> kAliases[] = {
        {"ger", "deu"}, {"fre", "fra"}, {"dut", "nld"}, {"chi", "zho"}, {"cze", "ces"}, {"gre", "ell"}, {"per", "fas"},
        {"rum", "ron"}, {"slo", "slk"}, {"alb", "sqi"}, {"arm", "hye"}, {"baq", "eus"}, {"bur", "mya"}, {"geo", "kat"},
        {"ice", "isl"}, {"mac", "mkd"}, {"mao", "mri"}, {"may", "msa"}, {"tib", "bod"}, {"wel", "cym"},
    };
    const QString t = tag.trimmed().toLower();
    for (const auto &[from, to] : kAliases)
        if (t == QLatin1String(from))
            return QString::fromLatin1(to);
    return t;
}

struct Item {
    AVMediaType type = AVMEDIA_TYPE_UNKNOWN;
    enum class Which { All, None, Number, Language } which = Which::All;
    int number = 0;
    QString language;
    QString text;
};

Result<Item> parseItem(const QString &raw)
{
    const QString text = raw.trimmed().toLower();
    Item item;
    item.text = text;
    const QString kind = text.section(u':', 0, 0);
    item.type = kindOf(kind);
    if (item.type == AVMEDIA_TYPE_UNKNOWN)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" is not a track: start it with v (video), a (audio), s (subtitles) "
                                        "or d (data), as in v:0 or a:eng")
                             .arg(raw.trimmed()));
    if (text.count(u':') > 1)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" is not a track: give KIND:NUMBER or KIND:LANGUAGE, as in a:1 or a:eng")
                             .arg(raw.trimmed()));
    const QString which = text.section(u':', 1);
    if (!text.contains(u':') || which == u"all" || which == u"*")
        return item;
    if (which == u"none") {
        item.which = Item::Which::None;
        return item;
    }
    bool isNumber = false;
    const int n = which.toInt(&isNumber);
    if (isNumber && n >= 0) {
        item.which = Item::Which::Number;
        item.number = n;
        return item;
    }
    static const QRegularExpression kLanguage(QStringLiteral("^[a-z]{2,3}(-[a-z0-9]{2,8})?$"));
    if (!kLanguage.match(which).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" is not a track: after the colon give a number (from 0), a language "
                                        "tag such as eng, or none")
                             .arg(raw.trimmed()));
    item.which = Item::Which::Language;
    item.language = canonicalLanguage(which);
    return item;
}

// "#0 deu, #1 eng, #2 (no language)": what a program has of one kind.
QString inventory(const std::vector<TrackCandidate> &candidates, AVMediaType type)
{
    QStringList parts;
    int n = 0;
    for (const TrackCandidate &c : candidates)
        if (c.type == type)
            parts << QStringLiteral("%1:%2%3")
                         .arg(trackKindLetter(type))
                         .arg(n++)
                         .arg(c.language.isEmpty() ? QStringLiteral(" (no language)") : u' ' + c.language);
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

} // namespace

QString trackKindLetter(AVMediaType type)
{
    switch (type) {
    case AVMEDIA_TYPE_VIDEO:
        return QStringLiteral("v");
    case AVMEDIA_TYPE_AUDIO:
        return QStringLiteral("a");
    case AVMEDIA_TYPE_SUBTITLE:
        return QStringLiteral("s");
    case AVMEDIA_TYPE_DATA:
        return QStringLiteral("d");
    default:
        return QString();
    }
}

QString TrackSelection::describe() const
{
    if (isDefault())
        return QStringLiteral("default");
    QStringList parts;
    if (program >= 0)
        parts << QStringLiteral("program %1").arg(program);
    if (!tracks.isEmpty())
        parts << QStringLiteral("tracks %1").arg(trackListText(tracks));
    return parts.join(QStringLiteral(", "));
}

Result<QStringList> parseTrackList(const QString &text)
{
    QStringList out;
    for (const QString &raw : text.split(u',', Qt::SkipEmptyParts)) {
        if (raw.trimmed().isEmpty())
            continue;
        auto item = parseItem(raw);
        if (!item)
            return item.error();
        out << item->text;
    }
    return out;
}

QString trackListText(const QStringList &tracks) { return tracks.join(u','); }

Result<std::vector<int>> selectTracks(const std::vector<TrackCandidate> &candidates, const QStringList &tracks,
                                      const QString &programName)
{
    std::vector<Item> items;
    for (const QString &t : tracks) {
        auto item = parseItem(t);
        if (!item)
            return item.error();
        items.push_back(*item);
    }
    const QString where = programName.isEmpty() ? QStringLiteral("the source") : programName;
    std::vector<bool> keep(candidates.size(), false);
    for (AVMediaType type : {AVMEDIA_TYPE_VIDEO, AVMEDIA_TYPE_AUDIO, AVMEDIA_TYPE_SUBTITLE, AVMEDIA_TYPE_DATA}) {
        std::vector<const Item *> mine;
        for (const Item &it : items)
            if (it.type == type)
                mine.push_back(&it);
        // The Nth track of this kind, for numbered items.
        std::vector<size_t> ofKind;
        for (size_t i = 0; i < candidates.size(); ++i)
            if (candidates[i].type == type)
                ofKind.push_back(i);
        if (mine.empty()) { // not named: every track of the kind, as without a selection
            for (size_t i : ofKind)
                keep[i] = true;
            continue;
        }
        for (const Item *it : mine) {
            switch (it->which) {
            case Item::Which::All:
                if (ofKind.empty())
                    return makeError(ErrorCode::InvalidArgument,
                                     QStringLiteral("%1 has no %2 track (\"%3\" asks for them)")
                                         .arg(where, kindWord(type), it->text));
                for (size_t i : ofKind)
                    keep[i] = true;
                break;
            case Item::Which::None:
                break;
            case Item::Which::Number:
                if (size_t(it->number) >= ofKind.size())
                    return makeError(ErrorCode::InvalidArgument,
                                     QStringLiteral("%1 has no %2 track number %3 (\"%4\"); its %2 tracks: %5")
                                         .arg(where, kindWord(type))
                                         .arg(it->number)
                                         .arg(it->text, inventory(candidates, type)));
                keep[ofKind[size_t(it->number)]] = true;
                break;
            case Item::Which::Language: {
                bool found = false;
                for (size_t i : ofKind)
                    if (canonicalLanguage(candidates[i].language) == it->language
                        || candidates[i].language.section(u'-', 0, 0).toLower() == it->language) {
                        keep[i] = true;
                        found = true;
                    }
                if (!found)
                    return makeError(
                        ErrorCode::InvalidArgument,
                        QStringLiteral("%1 has no %2 track in the language \"%3\" (\"%4\"); its %2 "
                                       "tracks: %5")
                            .arg(where, kindWord(type), it->language, it->text, inventory(candidates, type)));
                break;
            }
            }
        }
    }
    std::vector<int> out;
    for (size_t i = 0; i < candidates.size(); ++i)
        if (keep[i])
            out.push_back(candidates[i].inputIndex);
    const bool anyMedia = std::any_of(out.begin(), out.end(), [&](int idx) {
        for (const TrackCandidate &c : candidates)
            if (c.inputIndex == idx)
                return c.type == AVMEDIA_TYPE_VIDEO || c.type == AVMEDIA_TYPE_AUDIO;
        return false;
    });
    if (!anyMedia && !tracks.isEmpty()) // without a selection the source says it has no media
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the tracks chosen (%1) leave no video and no audio of %2 to record")
                             .arg(trackListText(tracks), where));
    return out;
}

QString trackItemFor(const std::vector<TrackCandidate> &candidates, size_t which)
{
    if (which >= candidates.size())
        return QString();
    const TrackCandidate &me = candidates[which];
    const QString letter = trackKindLetter(me.type);
    int number = 0;
    int sameLanguage = 0;
    const QString lang = canonicalLanguage(me.language);
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (candidates[i].type != me.type)
            continue;
        if (i < which)
            ++number;
        if (!lang.isEmpty() && canonicalLanguage(candidates[i].language) == lang)
            ++sameLanguage;
    }
    // "und" (undetermined) and the like say nothing that survives a
    // reconnect better than the number does.
    static const QRegularExpression kPlain(QStringLiteral("^[a-z]{2,3}$"));
    if (sameLanguage == 1 && lang != u"und" && kPlain.match(lang).hasMatch())
        return QStringLiteral("%1:%2").arg(letter, lang);
    return QStringLiteral("%1:%2").arg(letter).arg(number);
}

QStringList trackListFor(const std::vector<TrackCandidate> &candidates, const std::vector<int> &keep)
{
    QStringList out;
    for (AVMediaType type : {AVMEDIA_TYPE_VIDEO, AVMEDIA_TYPE_AUDIO, AVMEDIA_TYPE_SUBTITLE, AVMEDIA_TYPE_DATA}) {
        QStringList kept;
        int total = 0;
        for (size_t i = 0; i < candidates.size(); ++i) {
            if (candidates[i].type != type)
                continue;
            ++total;
            if (std::find(keep.begin(), keep.end(), candidates[i].inputIndex) != keep.end())
                kept << trackItemFor(candidates, i);
        }
        if (total == 0 || kept.size() == total)
            continue;
        if (kept.isEmpty())
            out << QStringLiteral("%1:none").arg(trackKindLetter(type));
        else
            out << kept;
    }
    return out;
}

} // namespace tapedeck
