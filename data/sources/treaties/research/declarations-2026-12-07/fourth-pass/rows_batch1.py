# Fourth pass, batch 1: Austrian Federal Law Gazette (BGBl. III) notices of the Secretary-General's notifications.
# Columns as in the published TSVs. Texts are the German words read (official Austrian translation), quoted as read.
SOURCES = [
    ("AT_BGBL_III_145_2011", "2011",
     "Austria, BGBl. III Nr. 145/2011, Kundmachung des Bundeskanzlers betreffend den Geltungsbereich des Übereinkommens der Vereinten Nationen gegen die grenzüberschreitende organisierte Kriminalität (German translation of the Secretary-General's notifications; copy on 360.lexisnexis.at, licensed from RIS)",
     "https://360.lexisnexis.at/d/b_bgbl_2011_2011_III_145_9362aa37e8?origin=lk",
     "Anlässlich der Hinterlegung ihrer Ratifikations- bzw. Beitrittsurkunde haben nachstehende Staaten folgende Vorbehalte erklärt bzw. Erklärungen abgegeben: Bahamas: [...] Erklärungen: Gemäß Art. 16 Abs. 5 lit. a erklärt der Commonwealth der Bahamas"),
    ("AT_BGBL_III_111_2008", "2008",
     "Austria, BGBl. III Nr. 111/2008, Kundmachung des Bundeskanzlers betreffend den Geltungsbereich des Übereinkommens der Vereinten Nationen gegen die grenzüberschreitende organisierte Kriminalität (German translation of the Secretary-General's notifications; copy on 360.lexisnexis.at)",
     "https://360.lexisnexis.at/d/b_bgbl_2008_2008_III_111_507a30a2fb",
     "Deutschland | 14. Juni 2006 | [...] Deutschland: Das deutsche innerstaatliche Recht verlangt für das Vorliegen der in Übereinstimmung mit Art. 5 Abs. 1 lit. a Ziffer i beschriebenen Straftaten die Mitwirkung einer organisierten kriminellen Gruppe."),
    ("AT_BGBL_III_90_2009", "2009",
     "Austria, BGBl. III Nr. 90/2009, Kundmachung des Bundeskanzlers betreffend den Geltungsbereich des Übereinkommens der Vereinten Nationen gegen Korruption (German translation of the Secretary-General's notifications; copy on 360.lexisnexis.at)",
     "https://360.lexisnexis.at/d/b_bgbl_2009_2009_III_090_7a01bd3827",
     "Iran | 20. April 2009 | [...] Erklärung: Die Regierung der Islamischen Republik Iran betrachtet das „Waschen der Erträge aus Straftaten“ in Art. 23 des Übereinkommens als ausschließlich auf die im Übereinkommen genannten Straftaten bezogen."),
    ("AT_BGBL_III_6_2008", "2008",
     "Austria, BGBl. III Nr. 6/2008, Kundmachung des Bundeskanzlers betreffend den Geltungsbereich des Übereinkommens der Vereinten Nationen gegen Korruption (list of deposits notified by the Secretary-General; copy on 360.lexisnexis.at)",
     "https://360.lexisnexis.at/d/b_bgbl_2008_2008_III_006_014dc13a16?origin=lk",
     "Niederlande (für das Königreich in Europa) | 31. Oktober 2006 [...] Dänemark (ohne Färöer Inseln und Grönland) | 26. Dezember 2006"),
]
DECLS = [
    ("BHS", "UNTOC", "EXTRADITION_LEGAL_BASIS", "16(5)(a)",
     "yes, on the basis of reciprocity with States Parties that have likewise recognised it (German translation read; the next sentence, on States with which an extradition treaty exists, is cut off)",
     "[German translation, BGBl. III Nr. 145/2011] Gemäß Art. 16 Abs. 5 lit. a erklärt der Commonwealth der Bahamas, dass er das Übereinkommen als Rechtsgrundlage für die Zusammenarbeit in Auslieferungsangelegenheiten auf der Grundlage der Gegenseitigkeit mit jenen Vertragsstaaten betrachtet, die es gleichermaßen anerkannt haben. Auf Vertragsstaaten, mit welchen Auslie[excerpt cut]",
     "2008-09-26", "AT_BGBL_III_145_2011"),
    ("DEU", "UNTOC", "OTHER", "5(1)(a)(i)",
     "art. 5 notification: German law requires the involvement of an organized criminal group for the offence under art. 5(1)(a)(i) (German translation read; the central-authority declaration that follows is cut off)",
     "[BGBl. III Nr. 111/2008] Das deutsche innerstaatliche Recht verlangt für das Vorliegen der in Übereinstimmung mit Art. 5 Abs. 1 lit. a Ziffer i beschriebenen Straftaten die Mitwirkung einer organisierten kriminellen Gruppe. Als zentrale Behörde zur Entgegennahme von Rechtshilfeer[excerpt cut]",
     "2006-06-14", "AT_BGBL_III_111_2008"),
    ("IRN", "UNCAC", "OTHER", "23",
     "interpretative declaration: 'laundering of proceeds of crime' in art. 23 relates only to the offences set out in the Convention (German translation read)",
     "[German translation, BGBl. III Nr. 90/2009] Erklärung: Die Regierung der Islamischen Republik Iran betrachtet das „Waschen der Erträge aus Straftaten“ in Art. 23 des Übereinkommens als ausschließlich auf die im Übereinkommen genannten Straftaten bezogen.",
     "2009-04-20", "AT_BGBL_III_90_2009"),
]
TERRS = [
    ("NLD", "ABW", "UNCAC", "no", "", "2006-10-31",
     "The Netherlands' instrument of 31 October 2006 was deposited for the Kingdom in Europe only, so it did not cover Aruba (Austria's Federal Law Gazette, listing the Secretary-General's notifications). A later extension to Aruba was not looked for in this source.",
     "[German] Niederlande (für das Königreich in Europa) | 31. Oktober 2006",
     "AT_BGBL_III_6_2008"),
]
