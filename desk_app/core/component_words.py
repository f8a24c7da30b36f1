"""The words the component reader looks for, in folded text (no diacritics, đ → d, lower case).

Kept apart from the reading rules (core/components.py) so the vocabulary can be read and extended in
one place; every pattern here is measured through the hand labels (tests/data/component_labels.json).
"""

from __future__ import annotations

import re

# Everything below matches the folded text (no diacritics, đ → d, lower case).

# The start of a sentence that names a paper ("Tờ khai…", "Bản sao Giấy…", "01 bản chính…").
_PAPER_NOUN = (
    r"(to khai|don|giay|ban sao|ban chinh|ban chup|ban khai|ban ke|ban cam ket|ban cam doan|ban ve|ban do|"
    r"ban tong hop|ban thuyet minh|ban trich|ban tu kiem diem|ban goc|van ban|bien ban|quyet dinh|hop dong|"
    r"so |so do|so hoa|mau |phieu|ho chieu|the |can cuoc|chung minh|chung tu|chung chi|trich luc|trich sao|"
    r"danh sach|bao cao|ho so|tai lieu|anh |hinh anh|du thao|du an|phuong an|to trinh|cong van|thong bao|"
    r"dieu le|nghi quyet|xac nhan|cam ket|giay to|hoa don|bang |ke khai|y kien|thu |loi khai|chung cu|"
    r"cac giay|cac tai lieu|cac loai|cac van ban|01 |02 |03 |1 ban|2 ban|"
    r"mot trong (cac|nhung) (giay|loai|van ban)[^:]*: ?[-+*]? ?\w)"
)
_LIST_MARK = r"^([-+*•]\s*|\(?\d{1,2}[.)]\s*|\(?[a-zđ]\)\s*|\(?[ivx]+[.)]\s*)*"
_STARTS_WITH_PAPER = re.compile(_LIST_MARK + _PAPER_NOUN)

# Sentences that tell the officer or the agency how to act, or that exempt a paper: never a paper.
_RULE_SENTENCE = re.compile(
    r"(thi khong phai (nop|xuat trinh|tai len|cung cap|kem theo|chung thuc)|khong phai nop|"
    r"khong phai xuat trinh|khong phai tai len|khong duoc yeu cau|co trach nhiem|nguoi tiep nhan|"
    r"co quan dang ky ho tich (yeu cau|tu choi|co tham quyen|phai)|co quyen lua chon|"
    r"duoc su dung ban|co the nop|phai bao dam|phai dam bao|chi can cung cap|he thong (tu dong|dien)|"
    r"duoc he thong|co gia tri phap ly|tu choi giai quyet|huy bo ket qua|giai thich ro|"
    r"phai duoc hop phap hoa|duoc mien|chiu trach nhiem|cac giay to sau|bao gom cac giay to|"
    r"thuc hien theo quy dinh tai|theo quy dinh tai diem|bao gom cac giay to theo quy dinh|"
    r"duoc khai thac (trong|tu|tren))"
)
# "phải nộp…" demands a paper; "không phải nộp" exempts one.
_DEMANDS = re.compile(r"(?<!khong )phai (nop|co|gui kem|kem theo|bo sung)")
# "Hồ sơ … bao gồm các giấy tờ theo quy định tại …": a pointer to the law's list, not a paper.
_POINTS_TO_LAW = re.compile(r"^ho so [^;:]*bao gom cac giay to (theo quy dinh|quy dinh)")
_NOTE_GROUP = re.compile(r"luu y|ghi chu|huong dan|chu y")
_SHOW_GROUP = re.compile(r"xuat trinh")
_SHOW_TEXT = re.compile(
    r"^" + _LIST_MARK.lstrip("^") + r"xuat trinh|\(xuat trinh|de doi chieu|ban chinh de doi chieu"
)
_IDENTITY = re.compile(
    r"(giay to tuy than|ho chieu|the can cuoc|can cuoc cong dan|chung minh nhan dan|can cuoc dien tu|"
    r"giay chung nhan can cuoc)"
)

# Channels named as the condition of a paper.
_DIRECT = re.compile(
    r"(hinh thuc truc tiep|lam thu tuc truc tiep|nop (ho so )?truc tiep|"
    r"nop/xuat trinh \(theo hinh thuc truc tiep)"
)
_ONLINE = re.compile(
    r"(hinh thuc truc tuyen|dien tu tuong tac|moi truong dien tu|nop (ho so )?truc tuyen|cong dich vu cong|"
    r"tai len|ho so dien tu|dang ky (khai sinh |ket hon |khai tu )?truc tuyen)"
)
_POSTAL = re.compile(r"(buu chinh|qua duong buu dien|gui qua buu dien)")

# A paper that names its own fallback: "X; trường hợp không có X thì nộp Y".
_FALLBACK = re.compile(
    r"(truong hop|neu) (khong co|chua co|bi mat|mat|khong xuat trinh duoc|khong cung cap duoc)\b"
)
# A condition on the applicant's situation.
_CASE_START = re.compile(_LIST_MARK + r"(trong )?(truong hop|doi voi|neu|khi )")
_CASE_ANYWHERE = re.compile(
    r"(\(neu co\)|neu co\b|\(doi voi truong hop|\(truong hop|\(trong truong hop|trong truong hop|"
    r"doi voi truong hop|doi voi nguoi|doi voi ho|doi voi to chuc|\(neu |\(ap dung|ap dung doi voi|"
    r"\(su dung trong truong hop|\bneu (?!tren|tai|o |ro|trong|duoc|ra|tai)\w+|"
    r":\s*[-+*]*\s*(trong )?(truong hop|doi voi)\b)"
)
# "Bản vẽ (nếu có) hoặc sơ họa…": the "(nếu có)" covers one option of a paper every applicant brings.
_OPTION_IF_ANY = re.compile(r"\(neu co\)\s*(hoac|,\s*hoac)\b")
# "(nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)", wherever it stands.
_CONDITION_ASIDE = re.compile(r"\((?:neu|trong truong hop|truong hop|doi voi truong hop)[^()]*\)")
_EXEMPTION = re.compile(r"(tru truong hop|tru khi)[^;.]*")

_ONE_OF = re.compile(r"mot trong (cac|nhung|hai|ba)? ?(loai )?(giay to|van ban|tai lieu)")
