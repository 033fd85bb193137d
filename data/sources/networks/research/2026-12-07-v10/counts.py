import json,sys
d=json.load(open('data/networks.json'))
print(f"{'code':16} {'rows':>4} {'MEM':>4} {'OBS':>4} {'UNK':>4} {'oth':>4} {'unconf':>6} {'undated':>7}")
for n in d['networks']:
    ms=n['members']
    st=lambda s: sum(1 for m in ms if m['status']==s)
    oth=len(ms)-st('MEMBER')-st('OBSERVER')-st('UNKNOWN')
    unc=sum(1 for m in ms if m.get('unconfirmed'))
    und=sum(1 for m in ms if not m.get('since') and not (m.get('note') or '').startswith('Since '))
    print(f"{n['code']:16} {len(ms):4} {st('MEMBER'):4} {st('OBSERVER'):4} {st('UNKNOWN'):4} {oth:4} {unc:6} {und:7}")
