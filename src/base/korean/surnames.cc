#include "base/korean/surnames.h"

#include <array>

namespace recount::korean {
namespace {

// Frequencies follow the South Korean 2015 census order for the first 60 rows. Corrections to
// the compiled source table are documented in data/korean/README.md.
constexpr SurnameInfo kSurnames[] = {
    {"김", "김", "金", "Gim", "Kim", "Kim", "Kim;Gim;Kym", "Jin"},
    {"이", "리", "李", "I", "Yi", "Ri", "Lee;Yi;Rhee;Rhie;Ri;Li;I;Rey;Leigh", "Li"},
    {"박", "박", "朴", "Bak", "Pak", "Pak", "Park;Pak;Bak;Bahk", "Piao"},
    {"최", "최", "崔", "Choe", "Ch’oe", "Choe", "Choi;Choe;Chey;Chwe;Tsoi", "Cui"},
    {"정", "정", "鄭;丁;程", "Jeong", "Chŏng", "Jong", "Jung;Jeong;Chung;Chong;Joung;Cheong",
     "Zheng;Ding;Cheng"},
    {"강", "강", "姜;康;強", "Gang", "Kang", "Kang", "Kang;Gang;Kahng", "Jiang;Kang;Qiang"},
    {"조", "조", "趙;曺", "Jo", "Cho", "Jo", "Cho;Jo;Joe;Chough;Zo", "Zhao;Cao"},
    {"윤", "윤", "尹", "Yun", "Yun", "Yun", "Yoon;Yun;Youn", "Yin"},
    {"장", "장", "張;蔣;章", "Jang", "Chang", "Jang", "Jang;Chang", "Zhang;Jiang;Zhang"},
    {"임", "림", "林", "Im", "Im", "Rim", "Lim;Im;Yim;Rim;Leem", "Lin"},
    {"임", "임", "任", "Im", "Im", "Im", "Lim;Im;Yim", "Ren"},
    {"한", "한", "韓", "Han", "Han", "Han", "Han;Hahn", "Han"},
    {"오", "오", "吳", "O", "O", "O", "Oh;O;Oe", "Wu"},
    {"서", "서", "徐", "Seo", "Sŏ", "So", "Seo;Suh;So;Sur;Su", "Xu"},
    {"신", "신", "申;辛;愼", "Sin", "Sin", "Sin", "Shin;Sin;Shinn", "Shen;Xin;Shen"},
    {"권", "권", "權", "Gwon", "Kwŏn", "Kwon", "Kwon;Gwon;Kweon", "Quan"},
    {"황", "황", "黃", "Hwang", "Hwang", "Hwang", "Hwang;Whang", "Huang"},
    {"안", "안", "安", "An", "An", "An", "Ahn;An", "An"},
    {"송", "송", "宋", "Song", "Song", "Song", "Song;Sohng", "Song"},
    {"유", "류", "柳;劉", "Yu", "Yu", "Ryu", "Yoo;Ryu;Yu;You;Lyu;Rhyu", "Liu;Liu"},
    {"유", "유", "兪;庾", "Yu", "Yu", "Yu", "Yoo;Yu;You", "Yu;Yu"},
    {"홍", "홍", "洪", "Hong", "Hong", "Hong", "Hong", "Hong"},
    {"전", "전", "全;田;錢", "Jeon", "Chŏn", "Jon", "Jeon;Jun;Chun;Chon", "Quan;Tian;Qian"},
    {"고", "고", "高", "Go", "Ko", "Ko", "Ko;Go;Koh", "Gao"},
    {"문", "문", "文", "Mun", "Mun", "Mun", "Moon;Mun", "Wen"},
    {"양", "량", "梁", "Yang", "Yang", "Ryang", "Yang;Ryang;Lyang", "Liang"},
    {"양", "양", "楊;梁", "Yang", "Yang", "Yang", "Yang", "Yang;Liang"},
    {"손", "손", "孫", "Son", "Son", "Son", "Son;Sohn", "Sun"},
    {"배", "배", "裵", "Bae", "Pae", "Pae", "Bae;Pae;Bai", "Pei"},
    {"백", "백", "白", "Baek", "Paek", "Paek", "Baek;Paik;Paek;Back;Baik", "Bai"},
    {"허", "허", "許", "Heo", "Hŏ", "Ho", "Heo;Hur;Huh;Ho", "Xu"},
    {"남", "남", "南", "Nam", "Nam", "Nam", "Nam", "Nan"},
    {"심", "심", "沈", "Sim", "Sim", "Sim", "Shim;Sim", "Shen"},
    {"노", "로", "盧;魯", "No", "No", "Ro", "Roh;Noh;No;Ro", "Lu;Lu"},
    {"하", "하", "河", "Ha", "Ha", "Ha", "Ha;Hah", "He"},
    {"곽", "곽", "郭", "Gwak", "Kwak", "Kwak", "Kwak;Gwak", "Guo"},
    {"성", "성", "成", "Seong", "Sŏng", "Song", "Sung;Seong;Song", "Cheng"},
    {"차", "차", "車", "Cha", "Ch’a", "Cha", "Cha", "Che"},
    {"주", "주", "朱;周", "Ju", "Chu", "Ju", "Joo;Ju;Chu", "Zhu;Zhou"},
    {"우", "우", "禹", "U", "U", "U", "Woo;U;Wu", "Yu"},
    {"구", "구", "具", "Gu", "Ku", "Ku", "Koo;Ku;Gu", "Ju"},
    {"나", "라", "羅", "Na", "Na", "Ra", "Na;Ra;La;Nah", "Luo"},
    {"진", "진", "陳;秦", "Jin", "Chin", "Jin", "Jin;Chin", "Chen;Qin"},
    {"지", "지", "池", "Ji", "Chi", "Ji", "Ji;Chi", "Chi"},
    {"엄", "엄", "嚴", "Eom", "Ŏm", "Om", "Um;Eom;Uhm;Om", "Yan"},
    {"채", "채", "蔡", "Chae", "Ch’ae", "Chae", "Chae;Chai", "Cai"},
    {"원", "원", "元", "Won", "Wŏn", "Won", "Won;Weon", "Yuan"},
    {"천", "천", "千", "Cheon", "Ch’ŏn", "Chon", "Chun;Cheon;Chon", "Qian"},
    {"방", "방", "方", "Bang", "Pang", "Pang", "Bang;Pang", "Fang"},
    {"공", "공", "孔", "Gong", "Kong", "Kong", "Kong;Gong", "Kong"},
    {"현", "현", "玄", "Hyeon", "Hyŏn", "Hyon", "Hyun;Hyeon;Hyon", "Xuan"},
    {"함", "함", "咸", "Ham", "Ham", "Ham", "Ham;Hahm", "Xian"},
    {"변", "변", "卞;邊", "Byeon", "Pyŏn", "Pyon", "Byun;Byeon;Pyon", "Bian;Bian"},
    {"염", "렴", "廉", "Yeom", "Yŏm", "Ryom", "Yeom;Yum;Ryom", "Lian"},
    {"여", "려", "呂", "Yeo", "Yŏ", "Ryo", "Yeo;Yoh;Ryo", "Lü"},
    {"추", "추", "秋", "Chu", "Ch’u", "Chu", "Choo;Chu", "Qiu"},
    {"도", "도", "都", "Do", "To", "To", "Do;Doh;To", "Du"},
    {"석", "석", "石", "Seok", "Sŏk", "Sok", "Seok;Suk;Sok", "Shi"},
    {"설", "설", "薛", "Seol", "Sŏl", "Sol", "Seol;Sul;Sol", "Xue"},
    {"길", "길", "吉", "Gil", "Kil", "Kil", "Gil;Kil", "Ji"},
    {"연", "연", "延", "Yeon", "Yŏn", "Yon", "Yeon;Yun;Yon", "Yan"},
    {"명", "명", "明", "Myeong", "Myŏng", "Myong", "Myung;Myeong;Myong", "Ming"},
    {"육", "륙", "陸", "Yuk", "Yuk", "Ryuk", "Yook;Yuk;Ryuk", "Lu"},
    {"민", "민", "閔", "Min", "Min", "Min", "Min", "Min"},
    {"마", "마", "馬", "Ma", "Ma", "Ma", "Ma", "Ma"},
    {"기", "기", "奇", "Gi", "Ki", "Ki", "Ki;Gi", "Qi"},
    {"소", "소", "蘇", "So", "So", "So", "So;Soh", "Su"},
    {"위", "위", "魏;韋", "Wi", "Wi", "Wi", "Wi;Wee", "Wei;Wei"},
    {"표", "표", "表", "Pyo", "P’yo", "Phyo", "Pyo", "Biao"},
    {"반", "반", "潘", "Ban", "Pan", "Pan", "Ban;Pan", "Pan"},
    {"왕", "왕", "王", "Wang", "Wang", "Wang", "Wang", "Wang"},
    {"금", "금", "琴", "Geum", "Kŭm", "Kum", "Keum;Kum;Geum", "Qin"},
    {"옥", "옥", "玉", "Ok", "Ok", "Ok", "Ok;Ock", "Yu"},
    {"탁", "탁", "卓", "Tak", "T’ak", "Thak", "Tak;Tahk", "Zhuo"},
    {"국", "국", "鞠", "Guk", "Kuk", "Kuk", "Kook;Kuk;Guk", "Ju"},
    {"은", "은", "殷", "Eun", "Ŭn", "Un", "Eun;Un", "Yin"},
    {"인", "인", "印", "In", "In", "In", "In", "Yin"},
    {"태", "태", "太", "Tae", "T’ae", "Thae", "Tae", "Tai"},
    {"봉", "봉", "奉", "Bong", "Pong", "Pong", "Bong;Pong", "Feng"},
    {"용", "룡", "龍", "Yong", "Yong", "Ryong", "Yong;Ryong", "Long"},
    {"남궁", "남궁", "南宮", "Namgung", "Namgung", "Namgung", "Namkoong;Namgung;Namkung",
     "Nangong"},
    {"황보", "황보", "皇甫", "Hwangbo", "Hwangbo", "Hwangbo", "Hwangbo", "Huangfu"},
    {"제갈", "제갈", "諸葛", "Jegal", "Chegal", "Jegal", "Jegal;Chegal", "Zhuge"},
    {"선우", "선우", "鮮于", "Seonu", "Sŏnu", "Sonu", "Sunwoo;Seonwoo;Sonu", "Xianyu"},
    {"독고", "독고", "獨孤", "Dokgo", "Tokko", "Tokko", "Dokko;Tokko", "Dugu"},
    {"사공", "사공", "司空", "Sagong", "Sagong", "Sagong", "Sakong;Sagong", "Sikong"},
    {"서문", "서문", "西門", "Seomun", "Sŏmun", "Somun", "Seomun;Suhmoon", "Ximen"},
    {"동방", "동방", "東方", "Dongbang", "Tongbang", "Tongbang", "Dongbang", "Dongfang"},
};

}  // namespace

std::span<const SurnameInfo> Surnames() { return kSurnames; }

const SurnameInfo* FindSurnameByHangul(std::string_view hangul) {
  for (const SurnameInfo& s : kSurnames) {
    if (s.hangul_south == hangul || s.hangul_north == hangul) return &s;
  }
  return nullptr;
}

}  // namespace recount::korean
