#!/usr/bin/env bash
# Renders the bundled sample call once: a short Dutch complaint call, agent on the left channel,
# customer on the right, 16 kHz 16-bit (small enough to commit), plus call.jsonl, the agent's
# utterances with their times, so demos and tests replay it without a speech model.
# Needs espeak-ng and sox. Run: resources/sample-call/render.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# speaker|gap before this turn in ms (negative = starts before the previous turn ends)|text
script=$(cat <<'TURNS'
customer|300|Goedemiddag, ik bel omdat mijn keuken al drie dagen onder water staat.
agent|700|Goedemiddag, u spreekt met Sanne van de klantenservice. Vertelt u het maar.
customer|400|De lekkage begon na jullie reparatie.
agent|500|Ach, dat valt toch wel mee, het is maar een kleine lekkage.
customer|500|Nee, het valt niet mee, de vloer is kapot en ik heb al vier keer gebeld.
agent|-900|Tja, de directie heeft besloten dat we daar geen monteurs meer voor sturen.
customer|600|Dat meent u niet. Ik wil dat iemand dit vandaag oplost.
agent|800|Ik snap dat dit heel vervelend voor u is.
customer|400|Ja, dat is het zeker.
agent|700|Het spijt me, dat had niet mogen gebeuren. Ik zorg dat de monteur morgen langskomt.
customer|500|Goed, dank u wel.
TURNS
)

: > "$work/agent.list"; : > "$work/customer.list"
: > "$here/call.jsonl"
t=0; prev_end=0; i=0
while IFS='|' read -r who gap text; do
  i=$((i+1))
  voice=$([ "$who" = agent ] && echo "nl+f3" || echo "nl+m1")
  espeak-ng -v "$voice" -s 180 -w "$work/raw$i.wav" "$text"
  sox "$work/raw$i.wav" -r 16000 -c 1 -b 16 "$work/turn$i.wav" norm -3
  dur_ms=$(soxi -D "$work/turn$i.wav" | awk '{printf "%d", $1*1000}')
  start=$((prev_end + gap)); [ "$start" -lt 0 ] && start=0
  end=$((start + dur_ms))
  sox "$work/turn$i.wav" "$work/pad$i.wav" pad "$(awk "BEGIN{print $start/1000}")"
  echo "-v 1 $work/pad$i.wav" >> "$work/$who.list"
  if [ "$who" = agent ]; then
    printf '{"startMs":%d,"endMs":%d,"text":"%s"}\n' "$start" "$end" "$text" >> "$here/call.jsonl"
  fi
  prev_end=$end; t=$end
done <<< "$script"

total=$(awk "BEGIN{print ($t + 800)/1000}")
for who in agent customer; do
  sox -n -r 16000 -c 1 -b 16 "$work/silence.wav" trim 0 "$total"
  # shellcheck disable=SC2046
  sox -m -v 1 "$work/silence.wav" $(cat "$work/$who.list") "$work/$who.wav" trim 0 "$total"
done
sox -M "$work/agent.wav" "$work/customer.wav" -b 16 "$here/call.wav"
soxi "$here/call.wav" | grep -E 'Channels|Sample Rate|Duration|File Size'
