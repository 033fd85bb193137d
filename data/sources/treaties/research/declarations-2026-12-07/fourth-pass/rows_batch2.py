# Fourth pass, batch 2: Hong Kong and the 1988 Convention (HK Government yearbook 1997).
SOURCES = [
    ("HK_YEARBOOK_1997_CH11", "1997",
     "Hong Kong Government, Hong Kong 1997 (annual yearbook), chapter 11, 'Legislation and Law Enforcement' (drugs), yearbook.gov.hk",
     "https://www.yearbook.gov.hk/1997/ch11/e11s2.htm",
     "The 1988 United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances (1988 UN Convention) was extended to Hong Kong in May 1997."),
]
TERRS = [
    ("CHN", "HKG", "DRUGS_1988", "yes", "", "1997-12-31",
     "Extended to Hong Kong in May 1997, before the transfer of sovereignty, i.e. by the United Kingdom (Hong Kong Government yearbook 1997; day of effect not given). This source does not give China's notification on the Convention's continued application to the HKSAR after 1 July 1997, so 'extended_by' (the present parent) is not the State that made the 1997 extension. The HKSAR Narcotics Division's page (nd.gov.hk, undated) says Hong Kong 'strictly complies' with the 1988 Convention.",
     "The 1988 United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances (1988 UN Convention) was extended to Hong Kong in May 1997. Parties to the 1988 UN Convention have been designated under the Drug Trafficking (Recovery of Proceeds) Ordinance in June 1997 so that confiscation orders relating to the proceeds of drug trafficking made by those jurisdictions can be enforced in Hong Kong.",
     "HK_YEARBOOK_1997_CH11"),
]
