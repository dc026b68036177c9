import { describe, expect, it } from 'vitest';
import { dutchStem } from '../../main/scorer/stemmer.ts';

// Word -> stem pairs from the Snowball project's own test data for the Dutch stemmer
// (snowballstem/snowball-data, dutch/diffs.txt), chosen to exercise every step: -heden -> -heid,
// -en/-ene/-s/-se with the "gem" and j exceptions, -e with undoubling, -heid, -end/-ing/-ig,
// -lijk, -baar/-bar, the vowel undoubling of step 4, and i/y between vowels.
const SNOWBALL_PAIRS = `aachen aach
aalders aalder
aalmoezen aalmoez
aalsmeer aalsmer
aalsmeerbaan aalsmeerban
aalsmeerse aalsmer
aaltenaar aaltenar
aaltjes aaltjes
aanbelde aanbeld
aanbellen aanbell
aanbesteding aanbested
aanbestedingen aanbested
aanbestedingsprocedure aanbestedingsprocedur
aanbevolen aanbevol
aanbiddelijk aanbid
aanbiddelijke aanbid
aanbidden aanbid
aanbiddend aanbid
aanbidding aanbid
aanbiedt aanbiedt
aanbood aanbod
aandachtig aandacht
aandachtige aandacht
aandachtiger aandachtiger
aandachtstoffen aandachtstoff
aandeden aanded
aandeed aanded
aandeel aandel
aandeelhoudersvergadering aandeelhoudersvergader
aandelenkapitaal aandelenkapital
aandoende aandoend
aandoenlijke aandoen
aandreigde aandreigd
aandreigende aandreig
aandrijven aandrijv
aaneen aanen
aangaan aangan
aangebeden aangebed
aangedonder aangedonder
aangelegenheden aangeleg
aangenaamste aangenaamst
aangename aangenam
aangespannen aangespann
aangetekend aangetek
aangewend aangew
aangifte aangift
aangifteplichtige aangifteplicht
aanhangig aanhang
aanhangwagens aanhangwagen
aanhankelijk aanhank
aanhankelijkheden aanhank
aanhankelijkheid aanhank
aankeek aankek
aanleggen aanlegg
aanlokkelijke aanlok
aanmatigend aanmat
aanmerkelijk aanmerk
aanmoedigingsprijzen aanmoedigingsprijz
aannames aannames
aannemerscombinaties aannemerscombinaties
aanpakken aanpak
aanpasbaarheid aanpas
aanpassen aanpass
aanschouwelijk aanschouw
aansprakelijkheidsverzekeringen aansprakelijkheidsverzeker
aanstaande aanstaand
aanstellerige aansteller
aanstellerigheid aansteller
aansluitstukken aansluitstuk
aanbiedplaatsen aanbiedplaats
aandachtsvelden aandachtsveld`.split('\n').map((l) => l.split(' ') as [string, string]);

describe('Snowball Dutch stemmer', () => {
  it('gives the published stems for the Snowball test words', () => {
    const wrong = SNOWBALL_PAIRS.filter(([word, stem]) => dutchStem(word) !== stem).map(([w, s]) => `${w}: want ${s}, got ${dutchStem(w)}`);
    expect(wrong).toEqual([]);
  });

  it('folds the forms of the words the coach meets onto one stem', () => {
    const same = (...words: string[]): number => new Set(words.map(dutchStem)).size;
    expect(same('vervelende', 'vervelend')).toBe(1);
    expect(same('klachten', 'klacht')).toBe(1);
    expect(same('afspraken', 'afspraak')).toBe(1);
    expect(same('begrijpelijk', 'begrijpen', 'begrijp')).toBe(1);
    expect(same('regeling', 'regelen', 'regel')).toBe(1);
  });

  it('leaves short words alone', () => {
    expect(['u', 'ik', 'je', 'nee'].map(dutchStem)).toEqual(['u', 'ik', 'je', 'nee']);
  });
});
