#include "base/korean/romanize.h"

#include <string>

#include <gtest/gtest.h>

#include "base/korean/hangul.h"
#include "base/korean/surnames.h"

namespace recount::korean {
namespace {

using S = RomanizationSystem;

std::string Place(std::string_view s, S system) {
  RomanizeOptions o;
  o.is_place = true;
  return Romanize(s, system, o);
}

TEST(Hangul, DecomposeComposeRoundTrip) {
  for (char32_t cp = 0xAC00; cp <= 0xD7A3; ++cp) {
    Syllable s;
    ASSERT_TRUE(Decompose(cp, &s));
    ASSERT_EQ(Compose(s), cp);
  }
  Syllable s;
  EXPECT_FALSE(Decompose(U'a', &s));
  EXPECT_EQ(Compose(Syllable{99, 0, 0}), 0xFFFDu);
}

TEST(Hangul, Predicates) {
  EXPECT_TRUE(IsHangulSyllable(U'김'));
  EXPECT_FALSE(IsHangulSyllable(U'金'));
  EXPECT_TRUE(ContainsHangul("Kim 김"));
  EXPECT_TRUE(ContainsHangul("\u1100"));  // a conjoining jamo
  EXPECT_FALSE(ContainsHangul("Kim 金"));
  EXPECT_FALSE(ContainsHangul("\xff\xfe"));
}

TEST(Hangul, ToJamo) {
  EXPECT_EQ(ToJamo("김"), "\u1100\u1175\u11B7");
  EXPECT_EQ(ToJamo("가 a"), "\u1100\u1161");  // non-Hangul is skipped
  EXPECT_EQ(ToJamo(""), "");
}

TEST(Revised, SoundChanges) {
  EXPECT_EQ(Romanize("김치", S::kRevised), "Gimchi");
  EXPECT_EQ(Romanize("한국", S::kRevised), "Hanguk");
  EXPECT_EQ(Romanize("신라", S::kRevised), "Silla");          // n + r -> ll
  EXPECT_EQ(Romanize("종로", S::kRevised), "Jongno");         // ng + r -> ng n
  EXPECT_EQ(Romanize("백마", S::kRevised), "Baengma");        // k + m -> ng m
  EXPECT_EQ(Romanize("같이", S::kRevised), "Gachi");          // palatalisation
  EXPECT_EQ(Romanize("좋고", S::kRevised), "Joko");           // ㅎ + ㄱ -> k
  EXPECT_EQ(Romanize("묵호", S::kRevised), "Mukho");          // nouns keep h
  EXPECT_EQ(Romanize("설날", S::kRevised), "Seollal");        // l + n -> ll
  EXPECT_EQ(Romanize("청진", S::kRevised), "Cheongjin");
  EXPECT_EQ(Romanize("회령", S::kRevised), "Hoeryeong");
  EXPECT_EQ(Romanize("의주", S::kRevised), "Uiju");
  EXPECT_EQ(Romanize("김치 and 밥", S::kRevised), "Gimchi and Bap");
  EXPECT_EQ(Romanize("닫히다", S::kRevised), "Dachida");      // ㄷ + 히 -> 치
  EXPECT_EQ(Romanize("앞-언덕", S::kRevised), "Ap-eondeok");   // no liaison across a hyphen
  EXPECT_EQ(Romanize("앞-언덕", S::kMcCuneReischauer), "Ap-ŏndŏk");
}

TEST(Revised, PlaceNames) {
  EXPECT_EQ(Place("함경북도", S::kRevised), "Hamgyeongbuk-do");
  EXPECT_EQ(Place("량강도", S::kRevised), "Ryanggang-do");
  EXPECT_EQ(Place("무산군", S::kRevised), "Musan-gun");
  EXPECT_EQ(Place("강동", S::kRevised), "Gangdong");        // two syllables: no split
  EXPECT_EQ(Place("봉천1동", S::kRevised), "Bongcheon Il-dong");
  EXPECT_EQ(Place("종로12가", S::kRevised), "Jongno Sibi-ga");
}

TEST(McCune, SoundChangesAndVoicing) {
  EXPECT_EQ(Romanize("청진", S::kMcCuneReischauer), "Ch’ŏngjin");
  EXPECT_EQ(Romanize("회령", S::kMcCuneReischauer), "Hoeryŏng");
  EXPECT_EQ(Romanize("함흥", S::kMcCuneReischauer), "Hamhŭng");
  EXPECT_EQ(Romanize("신의주", S::kMcCuneReischauer), "Sinŭiju");
  EXPECT_EQ(Romanize("김책", S::kMcCuneReischauer), "Kimch’aek");
  EXPECT_EQ(Romanize("한국", S::kMcCuneReischauer), "Han’guk");
  EXPECT_EQ(Romanize("독립문", S::kMcCuneReischauer), "Tongnimmun");
  EXPECT_EQ(Romanize("개천", S::kMcCuneReischauer), "Kaech’ŏn");
  EXPECT_EQ(Romanize("요덕", S::kMcCuneReischauer), "Yodŏk");
  EXPECT_EQ(Romanize("전거리", S::kMcCuneReischauer), "Chŏn’gŏri");
}

TEST(McCune, Ascii) {
  EXPECT_EQ(Romanize("청진", S::kMcCuneAscii), "Chongjin");
  EXPECT_EQ(Romanize("평양", S::kMcCuneAscii), "Pyongyang");
  EXPECT_EQ(Romanize("함흥", S::kMcCuneAscii), "Hamhung");
  EXPECT_EQ(Romanize("회령", S::kMcCuneAscii), "Hoeryong");
  EXPECT_EQ(Romanize("온성", S::kMcCuneAscii), "Onsong");
}

TEST(Dprk, Spelling) {
  EXPECT_EQ(Romanize("평양", S::kDprk), "Phyŏngyang");
  EXPECT_EQ(Romanize("청진", S::kDprk), "Chŏngjin");
  EXPECT_EQ(Romanize("압록", S::kDprk), "Amrok");  // North keeps ㄹ after a consonant
  EXPECT_EQ(Place("량강도", S::kDprk), "Ryanggang-do");
}

TEST(Yale, Transliteration) {
  EXPECT_EQ(Romanize("한국", S::kYale), "hankwuk");
  EXPECT_EQ(Romanize("서울", S::kYale), "sewul");
  EXPECT_EQ(Romanize("닭", S::kYale), "talk");
  EXPECT_EQ(Romanize("값", S::kYale), "kaps");
  EXPECT_EQ(Romanize("부산", S::kYale), "pusan");
  EXPECT_EQ(Romanize("먹어", S::kYale), "mek.e");
  EXPECT_EQ(Romanize("하나", S::kYale), "hana");
}

TEST(Names, CommonSpelling) {
  EXPECT_EQ(Romanize("김금순", S::kCommonSpelling, true), "Kim Keum-soon");
  EXPECT_EQ(Romanize("이영희", S::kCommonSpelling, true), "Lee Young-hee");
  EXPECT_EQ(Romanize("박정희", S::kCommonSpelling, true), "Park Jung-hee");
  EXPECT_EQ(Romanize("최성민", S::kCommonSpelling, true), "Choi Sung-min");
  EXPECT_EQ(Romanize("리명희", S::kCommonSpelling, true), "Ri Myong Hui");  // North usage
  EXPECT_EQ(Romanize("리설주", S::kCommonSpelling, true), "Ri Sol Ju");
  EXPECT_EQ(Romanize("윤은지", S::kCommonSpelling, true), "Yoon Eun-ji");
  EXPECT_EQ(Romanize("정철수", S::kCommonSpelling, true), "Jung Chul-soo");
  EXPECT_EQ(Romanize("남궁민수", S::kCommonSpelling, true), "Namkoong Min-soo");
  EXPECT_EQ(Romanize("임 현숙", S::kCommonSpelling, true), "Lim Hyun-sook");
  EXPECT_EQ(Romanize("강혜원", S::kCommonSpelling, true), "Kang Hye-won");
}

TEST(Names, SystemConventions) {
  EXPECT_EQ(Romanize("한복남", S::kRevised, true), "Han Boknam");  // RR 2000 example
  EXPECT_EQ(Romanize("김대중", S::kMcCuneReischauer, true), "Kim Tae-jung");
  EXPECT_EQ(Romanize("박정희", S::kMcCuneReischauer, true), "Pak Chŏng-hŭi");
  EXPECT_EQ(Romanize("이승만", S::kMcCuneReischauer, true), "Yi Sŭng-man");
  EXPECT_EQ(Romanize("박정희", S::kMcCuneAscii, true), "Pak Chong-hui");
  EXPECT_EQ(Romanize("김정은", S::kDprk, true), "Kim Jŏng Ŭn");
  EXPECT_EQ(Romanize("리설주", S::kDprk, true), "Ri Sŏl Ju");
  // No assimilation across the name boundary: 김 + 남 would otherwise be unchanged anyway,
  // but 박 + 명 would nasalise as text.
  EXPECT_EQ(Romanize("박명수", S::kRevised), "Bangmyeongsu");
  EXPECT_EQ(Romanize("박명수", S::kRevised, true), "Bak Myeongsu");
  // Not a plain Hangul name: romanised as text.
  EXPECT_EQ(Romanize("김 (Kim)", S::kRevised, true), "Gim (Kim)");
}

TEST(NorthSouth, InitialRule) {
  EXPECT_EQ(NorthToSouthInitial("리설주"), "이설주");
  EXPECT_EQ(NorthToSouthInitial("량강도"), "양강도");
  EXPECT_EQ(NorthToSouthInitial("로동신문"), "노동신문");
  EXPECT_EQ(NorthToSouthInitial("녀성"), "여성");
  EXPECT_EQ(NorthToSouthInitial("룡정"), "용정");
  EXPECT_EQ(NorthToSouthInitial("라선"), "나선");
  EXPECT_EQ(NorthToSouthInitial("력사 리론"), "역사 이론");
  EXPECT_EQ(NorthToSouthInitial("규률"), "규율");
  EXPECT_EQ(NorthToSouthInitial("나렬"), "나열");
  EXPECT_EQ(NorthToSouthInitial("김리"), "김리");  // not word-initial
  EXPECT_EQ(NorthToSouthInitial("ab 리"), "ab 이");
}

TEST(Robustness, InvalidUtf8DoesNotCrash) {
  const std::string bad = "\xff\xc3김\xe0\x80";
  for (S s : {S::kRevised, S::kMcCuneReischauer, S::kMcCuneAscii, S::kDprk, S::kYale,
              S::kCommonSpelling}) {
    EXPECT_FALSE(Romanize(bad, s).empty());
    EXPECT_FALSE(Romanize(bad, s, true).empty());
  }
  EXPECT_EQ(NorthToSouthInitial(""), "");
}

TEST(Surnames, TableIsConsistent) {
  for (const SurnameInfo& s : Surnames()) {
    EXPECT_FALSE(s.hangul_south.empty());
    EXPECT_FALSE(s.common.empty());
    // The South form is the North form under the initial rule.
    EXPECT_EQ(NorthToSouthInitial(s.hangul_north), std::string(s.hangul_south))
        << s.hangul_north;
  }
  ASSERT_NE(FindSurnameByHangul("리"), nullptr);
  EXPECT_EQ(FindSurnameByHangul("리")->hangul_south, "이");
  EXPECT_EQ(FindSurnameByHangul("쀍"), nullptr);
}

}  // namespace
}  // namespace recount::korean
