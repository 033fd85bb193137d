import json,csv,collections
d=json.load(open('data/networks.json'))
rows=list(csv.DictReader(open('data/sources/networks/research/2026-12-07-v10/findings.tsv'),delimiter='\t'))
byn=collections.defaultdict(list)
for r in rows: byn[r['network']].append(r)
for n in d['networks']:
    code=n['code']; ms={m['state']:m for m in n['members']}
    f=byn.get(code,[])
    if not f: continue
    states=sorted({r['iso3'] for r in f})
    new=[s for s in states if s not in ms]
    conf=[s for s in states if s in ms and ms[s]['unconfirmed']]
    dated=sorted({r['iso3'] for r in f if r['since'] and r['iso3'] in ms and not ms[r['iso3']]['since'] and not (ms[r['iso3']]['note'] or '').startswith('Since')})
    stat=[ (s,ms[s]['status'],{r['status'] for r in f if r['iso3']==s}) for s in states if s in ms and ms[s]['status'] not in {r['status'] for r in f if r['iso3']==s}]
    print(code, 'rows',len(ms),'| findings states',len(states),'| new',new,'| unconfirmed->sourced',conf,'| newly dated',dated,'| status differs',stat)
