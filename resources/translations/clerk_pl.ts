<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>Attention</name>
    <message>
        <source>Sale at the counter, items: {n}</source>
        <translation>Sprzedaż przy ladzie, sztuk: {n}</translation>
    </message>
    <message>
        <source>Pickup {order} marked ready</source>
        <translation>Zamówienie {order} oznaczone jako gotowe do odbioru</translation>
    </message>
    <message>
        <source>Pickup order marked ready</source>
        <translation>Zamówienie oznaczone jako gotowe do odbioru</translation>
    </message>
    <message>
        <source>Release of pickup {order}</source>
        <translation>Wydanie zamówienia {order}</translation>
    </message>
    <message>
        <source>Release of a pickup order</source>
        <translation>Wydanie zamówienia z odbiorem osobistym</translation>
    </message>
    <message>
        <source>Expiry of pickup {order}</source>
        <translation>Upływ terminu odbioru zamówienia {order}</translation>
    </message>
    <message>
        <source>Expiry of a pickup order</source>
        <translation>Upływ terminu odbioru zamówienia</translation>
    </message>
    <message>
        <source>Return from order {order}</source>
        <translation>Zwrot z zamówienia {order}</translation>
    </message>
    <message>
        <source>Return from an order</source>
        <translation>Zwrot z zamówienia</translation>
    </message>
    <message>
        <source>Longer hold of {customer}&apos;s reservation</source>
        <translation>Przedłużenie rezerwacji: {customer}</translation>
    </message>
    <message>
        <source>Longer hold of a reservation</source>
        <translation>Przedłużenie rezerwacji</translation>
    </message>
    <message>
        <source>Cancellation of {customer}&apos;s reservation</source>
        <translation>Anulowanie rezerwacji: {customer}</translation>
    </message>
    <message>
        <source>Cancellation of a reservation</source>
        <translation>Anulowanie rezerwacji</translation>
    </message>
    <message>
        <source>Note for {customer}</source>
        <translation>Notatka o kliencie: {customer}</translation>
    </message>
    <message>
        <source>Note for a customer</source>
        <translation>Notatka o kliencie</translation>
    </message>
    <message>
        <source>Customer&apos;s feedback score</source>
        <translation>Ocena obsługi wystawiona przez klienta</translation>
    </message>
    <message>
        <source>Action “{kind}”</source>
        <translation>Działanie „{kind}”</translation>
    </message>
    <message>
        <source>Done by {name} at {time}.</source>
        <translation>Wykonane przez: {name}, {time}.</translation>
    </message>
    <message>
        <source>Held back at {time}.</source>
        <translation>Wstrzymane: {time}.</translation>
    </message>
    <message>
        <source>Refused by central at {time} (HTTP {status}).</source>
        <translation>Odrzucone przez centralę: {time} (HTTP {status}).</translation>
    </message>
    <message>
        <source>Not sent yet: an earlier action on the same order or reservation was refused, and this one builds on it.</source>
        <translation>Jeszcze niewysłane: centrala odrzuciła wcześniejsze działanie dotyczące tego samego zamówienia lub rezerwacji, a to działanie od niego zależy.</translation>
    </message>
    <message>
        <source>Central counts too little stock of {sku} in this store for this.</source>
        <translation>Według centrali stan {sku} w tym sklepie jest na to za niski.</translation>
    </message>
    <message>
        <source>Central knows no store credit with this code; check the receipt.</source>
        <translation>Centrala nie zna bonu sklepowego o tym kodzie; sprawdź paragon.</translation>
    </message>
    <message>
        <source>Too little was left on the store credit (it was spent meanwhile, perhaps at another till); take the rest by card or cash.</source>
        <translation>Na bonie sklepowym zostało za mało (w międzyczasie go wykorzystano, być może przy innej kasie); resztę przyjmij kartą lub gotówką.</translation>
    </message>
    <message>
        <source>The order had already been collected — at another desk, on another tablet, or partly.</source>
        <translation>Zamówienie zostało już odebrane — w innym punkcie, na innym tablecie lub częściowo.</translation>
    </message>
    <message>
        <source>The order was cancelled meanwhile (online or by phone).</source>
        <translation>W międzyczasie zamówienie zostało anulowane (online lub telefonicznie).</translation>
    </message>
    <message>
        <source>The order&apos;s hold had ended; it went back to stock.</source>
        <translation>Minął termin odbioru zamówienia; towar wrócił na stan.</translation>
    </message>
    <message>
        <source>The order had not been marked ready yet.</source>
        <translation>Zamówienie nie było jeszcze oznaczone jako gotowe do odbioru.</translation>
    </message>
    <message>
        <source>The order was already marked ready.</source>
        <translation>Zamówienie było już oznaczone jako gotowe do odbioru.</translation>
    </message>
    <message>
        <source>Someone changed this meanwhile (another tablet, the web shop or the hotline).</source>
        <translation>W międzyczasie ktoś to zmienił (inny tablet, sklep internetowy lub infolinia).</translation>
    </message>
    <message>
        <source>Someone else changed this at the same moment.</source>
        <translation>Ktoś inny zmienił to w tym samym momencie.</translation>
    </message>
    <message>
        <source>Central was still busy with this action.</source>
        <translation>Centrala wciąż przetwarzała to działanie.</translation>
    </message>
    <message>
        <source>The order is collected at another store.</source>
        <translation>Zamówienie ma być odebrane w innym sklepie.</translation>
    </message>
    <message>
        <source>The order is not a click-and-collect order.</source>
        <translation>To nie jest zamówienie z odbiorem osobistym.</translation>
    </message>
    <message>
        <source>The customer&apos;s online cart had already been bought elsewhere.</source>
        <translation>Zakup z koszyka internetowego klienta został już sfinalizowany gdzie indziej.</translation>
    </message>
    <message>
        <source>The cart belongs to another customer.</source>
        <translation>Koszyk należy do innego klienta.</translation>
    </message>
    <message>
        <source>Central does not allow this to the staff member&apos;s role.</source>
        <translation>Centrala nie zezwala na to przy roli tego pracownika.</translation>
    </message>
    <message>
        <source>Central does not know the staff member as active in this store.</source>
        <translation>Według centrali ten pracownik nie jest aktywny w tym sklepie.</translation>
    </message>
    <message>
        <source>Central asks for a manager&apos;s approval.</source>
        <translation>Centrala wymaga zgody kierownika.</translation>
    </message>
    <message>
        <source>Central asks for the manager&apos;s reason.</source>
        <translation>Centrala wymaga uzasadnienia od kierownika.</translation>
    </message>
    <message>
        <source>The order holds age-restricted items and the ID check was not recorded.</source>
        <translation>Zamówienie zawiera towary z ograniczeniem wiekowym, a nie odnotowano sprawdzenia dokumentu tożsamości.</translation>
    </message>
    <message>
        <source>The order&apos;s hold had not ended yet.</source>
        <translation>Termin odbioru zamówienia jeszcze nie minął.</translation>
    </message>
    <message>
        <source>The order&apos;s lines at central differ from this tablet&apos;s.</source>
        <translation>Pozycje zamówienia w centrali różnią się od tych na tym tablecie.</translation>
    </message>
    <message>
        <source>More units were given than the order holds.</source>
        <translation>Wydano więcej sztuk, niż obejmuje zamówienie.</translation>
    </message>
    <message>
        <source>Every unit must be either collected or refused; some were neither.</source>
        <translation>Każda sztuka musi zostać odebrana albo odrzucona; części nie oznaczono ani tak, ani tak.</translation>
    </message>
    <message>
        <source>More units were returned than may still come back.</source>
        <translation>Zwrócono więcej sztuk, niż można jeszcze zwrócić.</translation>
    </message>
    <message>
        <source>The payments do not add up to central&apos;s total (a price may have changed).</source>
        <translation>Płatności nie sumują się do kwoty wyliczonej przez centralę (mogła zmienić się cena).</translation>
    </message>
    <message>
        <source>Central does not know some of the products.</source>
        <translation>W centrali brakuje niektórych produktów.</translation>
    </message>
    <message>
        <source>A final-sale item cannot be returned without an override.</source>
        <translation>Towaru bez prawa zwrotu nie można przyjąć bez zgody kierownika.</translation>
    </message>
    <message>
        <source>The return window had passed; it needs an override.</source>
        <translation>Minął termin zwrotu; potrzebna jest zgoda kierownika.</translation>
    </message>
    <message>
        <source>Everything of this line had already been returned.</source>
        <translation>Wszystkie sztuki z tej pozycji zostały już zwrócone.</translation>
    </message>
    <message>
        <source>The items had not been collected, so not returned.</source>
        <translation>Towar nie został odebrany, więc nie mógł zostać zwrócony.</translation>
    </message>
    <message>
        <source>The customer has too few points for this.</source>
        <translation>Klient ma na to za mało punktów.</translation>
    </message>
    <message>
        <source>The reservation cannot be held that long.</source>
        <translation>Rezerwacji nie można przedłużyć na tak długo.</translation>
    </message>
    <message>
        <source>The reservation was already collected.</source>
        <translation>Rezerwacja została już odebrana.</translation>
    </message>
    <message>
        <source>The reservation was already cancelled.</source>
        <translation>Rezerwacja została już anulowana.</translation>
    </message>
    <message>
        <source>The reservation&apos;s hold had ended.</source>
        <translation>Rezerwacja już wygasła.</translation>
    </message>
    <message>
        <source>Central does not know this order.</source>
        <translation>W centrali nie ma tego zamówienia.</translation>
    </message>
    <message>
        <source>Central does not know this customer.</source>
        <translation>W centrali nie ma tego klienta.</translation>
    </message>
    <message>
        <source>Central does not know this reservation.</source>
        <translation>W centrali nie ma tej rezerwacji.</translation>
    </message>
    <message>
        <source>Central already has another record under this one&apos;s id.</source>
        <translation>W centrali istnieje już inny rekord o tym samym identyfikatorze.</translation>
    </message>
    <message>
        <source>Central found the request incomplete or invalid.</source>
        <translation>Według centrali żądanie jest niekompletne lub nieprawidłowe.</translation>
    </message>
    <message>
        <source>Central refused this action (HTTP {status}).</source>
        <translation>Centrala odrzuciła to działanie (HTTP {status}).</translation>
    </message>
    <message>
        <source>Decide on the refused action first. Retrying this one lines it up behind that one; a manager may also discard it.</source>
        <translation>Najpierw zdecyduj o odrzuconym działaniu. Po ponowieniu to działanie ustawi się w kolejce za tamtym; kierownik może je też wycofać.</translation>
    </message>
    <message>
        <source>Retry: it is sent again against what central has now. If it no longer applies, a manager discards it.</source>
        <translation>Ponów: działanie zostanie wysłane ponownie i sprawdzone z aktualnymi danymi centrali. Jeśli jest już nieaktualne, kierownik je wycofuje.</translation>
    </message>
    <message>
        <source>This cannot go through any more. Check with the customer what happened; then a manager discards it, saying why.</source>
        <translation>Tego działania nie da się już zrealizować. Ustal z klientem, co się stało; następnie kierownik je wycofuje, podając powód.</translation>
    </message>
    <message>
        <source>Fix what central refused (the stock count, the staff list, a check at the desk), then retry. If it should not happen any more, a manager discards it.</source>
        <translation>Usuń przyczynę odrzucenia (stan magazynowy, lista pracowników, weryfikacja przy ladzie), a potem ponów. Jeśli działanie nie powinno już zostać wykonane, kierownik je wycofuje.</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Działanie</translation>
    </message>
    <message>
        <source>Why central refused</source>
        <translation>Powód odrzucenia</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Waiting behind a refused action</source>
        <translation>Czeka za odrzuconym działaniem</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Odrzucone</translation>
    </message>
</context>
<context>
    <name>AttentionScreen</name>
    <message>
        <source>Attention</source>
        <translation>Wymaga uwagi</translation>
    </message>
    <message>
        <source>Actions central refused. Each one needs a decision: send it again once what was wrong is fixed, or give it up.</source>
        <translation>Działania odrzucone przez centralę. Każde wymaga decyzji: wyślij je ponownie, gdy przyczyna zostanie usunięta, albo je wycofaj.</translation>
    </message>
    <message>
        <source>Refused actions</source>
        <translation>Odrzucone działania</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Ponów</translation>
    </message>
    <message>
        <source>Send it again</source>
        <translation>Wyślij ponownie</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Wycofaj…</translation>
    </message>
    <message>
        <source>Give this action up</source>
        <translation>Wycofaj to działanie</translation>
    </message>
    <message>
        <source>Nothing needs your attention</source>
        <translation>Nic nie wymaga Twojej uwagi</translation>
    </message>
    <message>
        <source>Central accepted everything this tablet sent. If it ever refuses an action, the action waits here with the reason and what to do.</source>
        <translation>Centrala przyjęła wszystko, co wysłał ten tablet. Jeśli kiedyś odrzuci jakieś działanie, pojawi się ono tutaj wraz z powodem i wskazówką, co zrobić.</translation>
    </message>
    <message>
        <source>The refused actions could not be read: {reason}</source>
        <translation>Nie udało się wczytać odrzuconych działań: {reason}</translation>
    </message>
    <message>
        <source>Queued again; it goes to central with the next sync.</source>
        <translation>Ponownie w kolejce; trafi do centrali przy następnej synchronizacji.</translation>
    </message>
    <message>
        <source>“{what}” is not sent to central any more. It stays on record with your reason.</source>
        <translation>Działanie „{what}” nie zostanie już wysłane do centrali. Pozostanie w historii wraz z podanym powodem.</translation>
    </message>
    <message>
        <source>Give up “{what}” for good: it is not sent to central any more. The reason stays on record.</source>
        <translation>Wycofaj na stałe działanie „{what}”: nie zostanie już wysłane do centrali. Powód pozostanie w historii.</translation>
    </message>
    <message>
        <source>Given up; it stays on record with the reason.</source>
        <translation>Wycofano; działanie pozostaje w historii wraz z powodem.</translation>
    </message>
    <message>
        <source>This action was already decided, perhaps on another tablet.</source>
        <translation>Decyzja w sprawie tego działania już zapadła, być może na innym tablecie.</translation>
    </message>
</context>
<context>
    <name>BasketPanel</name>
    <message>
        <source>Add a product by its barcode</source>
        <translation>Dodaj produkt po kodzie kreskowym</translation>
    </message>
    <message>
        <source>Scan or type a barcode</source>
        <translation>Zeskanuj lub wpisz kod kreskowy</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Dodaj</translation>
    </message>
    <message>
        <source>Add the product typed</source>
        <translation>Dodaj wpisany produkt</translation>
    </message>
    <message>
        <source>The basket is empty. Scan a product, or type its barcode above.</source>
        <translation>Koszyk jest pusty. Zeskanuj produkt lub wpisz powyżej jego kod kreskowy.</translation>
    </message>
    <message>
        <source>Products in the sale</source>
        <translation>Produkty w sprzedaży</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Razem</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>Dodano: {name}.</translation>
    </message>
    <message>
        <source>{name}: now {n} in the basket.</source>
        <translation>{name}: w koszyku jest teraz {n} szt.</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 sztuka</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>Sztuk: {n}</translation>
    </message>
    <message>
        <source>Total {total}</source>
        <translation>Razem {total}</translation>
    </message>
    <message>
        <source>That is not a product barcode — scan the label on the product.</source>
        <translation>To nie jest kod produktu — zeskanuj etykietę na towarze.</translation>
    </message>
    <message>
        <source>That size or colour cannot be sold here.</source>
        <translation>Tego rozmiaru lub koloru nie można tu sprzedać.</translation>
    </message>
    <message>
        <source>Swapped to {variant}.</source>
        <translation>Zamieniono na: {variant}.</translation>
    </message>
</context>
<context>
    <name>BasketRow</name>
    <message>
        <source>size {size}, {colour}</source>
        <translation>rozmiar {size}, {colour}</translation>
    </message>
    <message>
        <source>size {size}</source>
        <translation>rozmiar {size}</translation>
    </message>
    <message>
        <source>One less of {name}</source>
        <translation>Jedna sztuka mniej: {name}</translation>
    </message>
    <message>
        <source>One more of {name}</source>
        <translation>Jedna sztuka więcej: {name}</translation>
    </message>
    <message>
        <source>Quantity of {name}</source>
        <translation>Ilość: {name}</translation>
    </message>
    <message>
        <source>Remove {name} from the sale</source>
        <translation>Usuń ze sprzedaży: {name}</translation>
    </message>
    <message>
        <source>Remove from the sale</source>
        <translation>Usuń ze sprzedaży</translation>
    </message>
    <message>
        <source>Take {variant} ({n} here)</source>
        <translation>Zamień na {variant} (tu: {n})</translation>
    </message>
    <message>
        <source>Sell {variant} instead</source>
        <translation>Sprzedaj zamiast tego: {variant}</translation>
    </message>
    <message>
        <source>{price} each</source>
        <translation>{price}/szt.</translation>
    </message>
    <message>
        <source>Not in this tablet&apos;s catalogue, so it cannot be sold here — sync the tablet, or remove the line.</source>
        <translation>Brak w katalogu na tym tablecie, więc nie można tego sprzedać — zsynchronizuj tablet lub usuń pozycję.</translation>
    </message>
    <message>
        <source>Stock here unknown — check the shelf before selling.</source>
        <translation>Stan w sklepie nieznany — przed sprzedażą sprawdź półkę.</translation>
    </message>
    <message>
        <source>None in stock here — the sale will be refused as it is.</source>
        <translation>Brak na stanie w sklepie — w tej postaci sprzedaż zostanie odrzucona.</translation>
    </message>
    <message>
        <source>Only {have} in stock here, {want} in the basket.</source>
        <translation>Na stanie w sklepie tylko {have}, w koszyku {want}.</translation>
    </message>
    <message>
        <source>{n} in stock here</source>
        <translation>Na stanie w sklepie: {n}</translation>
    </message>
    <message>
        <source>{store} ({n})</source>
        <translation>{store} ({n})</translation>
    </message>
    <message>
        <source>Also in stock at {stores}.</source>
        <translation>Dostępne też w: {stores}.</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>Scan with the camera</source>
        <translation>Skanowanie kamerą</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Close the camera</source>
        <translation>Zamknij kamerę</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Camera status</source>
        <translation>Stan kamery</translation>
    </message>
    <message>
        <source>Start camera</source>
        <translation>Włącz kamerę</translation>
    </message>
    <message>
        <source>Start or stop the camera</source>
        <translation>Włącz lub wyłącz kamerę</translation>
    </message>
    <message>
        <source>Camera picture</source>
        <translation>Obraz z kamery</translation>
    </message>
    <message>
        <source>The camera cannot be used on this tablet: its video support did not load. Scan with the scanner, type the code, or open a picture of it.</source>
        <translation>Na tym tablecie nie można użyć kamery: nie udało się wczytać obsługi wideo. Zeskanuj kod skanerem, wpisz go lub otwórz jego zdjęcie.</translation>
    </message>
    <message>
        <source>This tablet has no camera. Scan with the scanner, type the code, or open a picture of it.</source>
        <translation>Ten tablet nie ma kamery. Zeskanuj kod skanerem, wpisz go lub otwórz jego zdjęcie.</translation>
    </message>
    <message>
        <source>Hold the code steady in front of the camera.</source>
        <translation>Przytrzymaj kod nieruchomo przed kamerą.</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>Wyłącz kamerę</translation>
    </message>
    <message>
        <source>The camera stopped: {detail}. Try again, or scan another way.</source>
        <translation>Kamera przestała działać: {detail}. Spróbuj ponownie lub zeskanuj kod w inny sposób.</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel reservation</source>
        <translation>Anuluj rezerwację</translation>
    </message>
    <message>
        <source>Cancel reservation {reference}?</source>
        <translation>Anulować rezerwację {reference}?</translation>
    </message>
    <message>
        <source>The customer asked for it</source>
        <translation>Klient o to poprosił</translation>
    </message>
    <message>
        <source>The store cancels it</source>
        <translation>Anuluje ją sklep</translation>
    </message>
    <message>
        <source>The items become available for sale again and central tells the customer the reservation was cancelled. This cannot be undone.</source>
        <translation>Towary wracają do sprzedaży, a centrala powiadamia klienta o anulowaniu rezerwacji. Tego nie można cofnąć.</translation>
    </message>
    <message>
        <source>Keep the reservation</source>
        <translation>Zostaw rezerwację</translation>
    </message>
</context>
<context>
    <name>CartPanel</name>
    <message>
        <source>Online cart</source>
        <translation>Koszyk internetowy</translation>
    </message>
    <message>
        <source>Finalize here</source>
        <translation>Sfinalizuj tutaj</translation>
    </message>
    <message>
        <source>Finalize the online cart at the counter</source>
        <translation>Sfinalizuj koszyk internetowy przy ladzie</translation>
    </message>
    <message>
        <source>The online cart is unavailable until the tablet is online.</source>
        <translation>Koszyk internetowy jest niedostępny, dopóki tablet nie będzie online.</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Nowa sprzedaż</translation>
    </message>
    <message>
        <source>No online cart right now.</source>
        <translation>Obecnie brak koszyka internetowego.</translation>
    </message>
    <message>
        <source>Total {total}
updated {when}</source>
        <translation>Razem {total}
zaktualizowano {when}</translation>
    </message>
    <message>
        <source>Not in this tablet&apos;s catalogue: sync, or leave it out.</source>
        <translation>Brak w katalogu na tym tablecie: zsynchronizuj lub pomiń.</translation>
    </message>
    <message>
        <source>In stock here: {n}</source>
        <translation>Na stanie w sklepie: {n}</translation>
    </message>
    <message>
        <source>No stock of it is recorded here.</source>
        <translation>Brak danych o stanie w tym sklepie.</translation>
    </message>
    <message>
        <source>Only {n} here.</source>
        <translation>W sklepie tylko {n}.</translation>
    </message>
    <message>
        <source>In stock here instead: {options}.</source>
        <translation>Zamiast tego dostępne tutaj: {options}.</translation>
    </message>
    <message>
        <source>Other stores: {stores}.</source>
        <translation>Inne sklepy: {stores}.</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <source>{points} pts</source>
        <translation>{points}&#xa0;pkt</translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <source>Finish {name}&apos;s online cart</source>
        <translation>Finalizacja koszyka internetowego: {name}</translation>
    </message>
    <message>
        <source>Counter sale</source>
        <translation>Sprzedaż przy ladzie</translation>
    </message>
    <message>
        <source>No loyalty member identified — this sale earns no points.</source>
        <translation>Nie rozpoznano klienta programu lojalnościowego — ta sprzedaż nie nalicza punktów.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Cancel the sale</source>
        <translation>Anuluj sprzedaż</translation>
    </message>
    <message>
        <source>Confirm sale</source>
        <translation>Zatwierdź sprzedaż</translation>
    </message>
    <message>
        <source>Confirm the sale</source>
        <translation>Zatwierdź sprzedaż</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Discard this sale? The products and amounts entered here are lost.</source>
        <translation>Usunąć tę sprzedaż? Wprowadzone produkty i kwoty zostaną utracone.</translation>
    </message>
    <message>
        <source>Keep selling</source>
        <translation>Kontynuuj sprzedaż</translation>
    </message>
    <message>
        <source>Keep the sale</source>
        <translation>Zachowaj sprzedaż</translation>
    </message>
    <message>
        <source>Discard the sale</source>
        <translation>Usuń sprzedaż</translation>
    </message>
    <message>
        <source>Discard the sale and close</source>
        <translation>Usuń sprzedaż i zamknij</translation>
    </message>
    <message>
        <source>Loyalty member {id}, recognised by their app code. Central credits their points; none can be redeemed on this tablet.</source>
        <translation>Klient programu {id}, rozpoznany po kodzie z aplikacji. Punkty naliczy centrala; na tym tablecie nie można ich wykorzystać.</translation>
    </message>
    <message>
        <source>{tier} member, loyalty card {card}. The cart was saved online at {time}.</source>
        <translation>Poziom {tier}, karta lojalnościowa {card}. Koszyk zapisano online {time}.</translation>
    </message>
    <message>
        <source>{name}, {tier} member, loyalty card {card}.</source>
        <translation>{name}, poziom {tier}, karta lojalnościowa {card}.</translation>
    </message>
    <message>
        <source>Confirm sale · {amount}</source>
        <translation>Zatwierdź sprzedaż · {amount}</translation>
    </message>
    <message>
        <source>Sign in first — the sale was not recorded.</source>
        <translation>Najpierw się zaloguj — sprzedaż nie została zapisana.</translation>
    </message>
    <message>
        <source>Recording the sale…</source>
        <translation>Zapisywanie sprzedaży…</translation>
    </message>
</context>
<context>
    <name>CollectDialog</name>
    <message>
        <source>Collect reservation</source>
        <translation>Odbiór rezerwacji</translation>
    </message>
    <message>
        <source>Reservation {reference} — {name}</source>
        <translation>Rezerwacja {reference} — {name}</translation>
    </message>
    <message>
        <source>The customer buys what was set aside for them; the hold ends with the sale.</source>
        <translation>Klient kupuje odłożone dla niego towary; rezerwacja kończy się wraz ze sprzedażą.</translation>
    </message>
    <message>
        <source>Reserved items</source>
        <translation>Zarezerwowane towary</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Razem</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Wróć</translation>
    </message>
    <message>
        <source>Back to the holds</source>
        <translation>Wróć do rezerwacji</translation>
    </message>
    <message>
        <source>Confirm sale</source>
        <translation>Zatwierdź sprzedaż</translation>
    </message>
    <message>
        <source>Confirm the sale</source>
        <translation>Zatwierdź sprzedaż</translation>
    </message>
    <message>
        <source>Sign in first — the sale was not recorded.</source>
        <translation>Najpierw się zaloguj — sprzedaż nie została zapisana.</translation>
    </message>
</context>
<context>
    <name>CollectorBox</name>
    <message>
        <source>Who collects</source>
        <translation>Kto odbiera</translation>
    </message>
    <message>
        <source>The customer collects the order</source>
        <translation>Zamówienie odbiera klient</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>Inna osoba</translation>
    </message>
    <message>
        <source>Someone else collects it</source>
        <translation>Zamówienie odbiera inna osoba</translation>
    </message>
    <message>
        <source>Name of the person collecting</source>
        <translation>Imię i nazwisko osoby odbierającej</translation>
    </message>
    <message>
        <source>Their full name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <source>Last four characters of their ID document</source>
        <translation>Ostatnie cztery znaki dokumentu tożsamości</translation>
    </message>
    <message>
        <source>ID: last 4</source>
        <translation>Dokument: ost. 4</translation>
    </message>
    <message>
        <source>Check their ID document; its last four letters or digits are recorded.</source>
        <translation>Sprawdź dokument tożsamości; jego ostatnie cztery litery lub cyfry zostaną zapisane.</translation>
    </message>
    <message>
        <source>The customer: {name}</source>
        <translation>Klient: {name}</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Write down the name of the person collecting.</source>
        <translation>Wpisz imię i nazwisko osoby odbierającej.</translation>
    </message>
    <message>
        <source>Note the last four letters or digits of their ID document.</source>
        <translation>Wpisz ostatnie cztery litery lub cyfry z dokumentu tożsamości.</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <source>Placed</source>
        <translation>Złożone</translation>
    </message>
    <message>
        <source>Being picked</source>
        <translation>W kompletacji</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>Gotowe do odbioru</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Odebrane</translation>
    </message>
    <message>
        <source>Partly collected</source>
        <translation>Odebrane częściowo</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Wygasłe</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Anulowane</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Wysłane</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Dostarczone</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Zrealizowane</translation>
    </message>
    <message>
        <source>Refund pending</source>
        <translation>Zwrot środków w toku</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktywna</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Otwarte</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Zamknięte</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>Zdobyte</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Wykorzystane</translation>
    </message>
    <message>
        <source>Reversed after a return</source>
        <translation>Cofnięte po zwrocie</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Premia</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Korekta</translation>
    </message>
    <message>
        <source>{points} pts</source>
        <translation>{points}&#xa0;pkt</translation>
    </message>
    <message>
        <source>Sale at the counter (number follows from central)</source>
        <translation>Sprzedaż przy ladzie (numer nada centrala)</translation>
    </message>
    <message>
        <source>Click-and-collect order {number}</source>
        <translation>Zamówienie z odbiorem osobistym {number}</translation>
    </message>
    <message>
        <source>Delivery order {number}</source>
        <translation>Zamówienie z dostawą {number}</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Zamówienie {number}</translation>
    </message>
    <message>
        <source>Refused at pickup, order {number}</source>
        <translation>Odrzucone przy odbiorze, zamówienie {number}</translation>
    </message>
    <message>
        <source>Return of order {number}</source>
        <translation>Zwrot z zamówienia {number}</translation>
    </message>
    <message>
        <source>Reserve in store, held until {until}</source>
        <translation>Rezerwacja w sklepie, ważna do {until}</translation>
    </message>
    <message>
        <source>Reserve in store</source>
        <translation>Rezerwacja w sklepie</translation>
    </message>
    <message>
        <source>Store visit</source>
        <translation>Wizyta w sklepie</translation>
    </message>
    <message>
        <source>Support ticket: {subject}</source>
        <translation>Zgłoszenie: {subject}</translation>
    </message>
    <message>
        <source>Note: {subject}</source>
        <translation>Notatka: {subject}</translation>
    </message>
    <message>
        <source>Store contact: {subject}</source>
        <translation>Kontakt w sklepie: {subject}</translation>
    </message>
    <message>
        <source>Feedback: {subject}</source>
        <translation>Opinia: {subject}</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Wszystko</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Zamówienia</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>Odbiory</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Zwroty</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Rezerwacje</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Wizyty</translation>
    </message>
    <message>
        <source>Support and notes</source>
        <translation>Zgłoszenia i notatki</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Lojalność</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Finalize cart</source>
        <translation>Sfinalizuj koszyk</translation>
    </message>
    <message>
        <source>Card {card} is not on this tablet; asking central…</source>
        <translation>Karty {card} nie ma na tym tablecie; sprawdzanie w centrali…</translation>
    </message>
    <message>
        <source>Card {card} is not on this tablet and central cannot be reached. Ask for the code in their app (it works offline), or search by name.</source>
        <translation>Karty {card} nie ma na tym tablecie, a centrala nie odpowiada. Poproś o kod z aplikacji klienta (działa offline) lub wyszukaj po nazwisku.</translation>
    </message>
    <message>
        <source>No customer has card {card}. Check the number on the card.</source>
        <translation>Żaden klient nie ma karty {card}. Sprawdź numer na karcie.</translation>
    </message>
    <message>
        <source>Not on this tablet yet — fetching the customer from central…</source>
        <translation>Klienta nie ma jeszcze na tablecie — pobieranie z centrali…</translation>
    </message>
    <message>
        <source>Central does not know this customer. Check the code or search by name.</source>
        <translation>W centrali nie ma tego klienta. Sprawdź kod lub wyszukaj po nazwisku.</translation>
    </message>
    <message>
        <source>Store visit recorded: {points} visit bonus.</source>
        <translation>Zapisano wizytę w sklepie: premia za wizytę {points}.</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Nowa sprzedaż</translation>
    </message>
    <message>
        <source>Note saved to the customer&apos;s thread; it is sent to central.</source>
        <translation>Notatkę zapisano w historii kontaktów klienta; zostanie wysłana do centrali.</translation>
    </message>
    <message>
        <source>Sale queued for central; the customer&apos;s cart is finished.</source>
        <translation>Sprzedaż czeka w kolejce do centrali; koszyk klienta został sfinalizowany.</translation>
    </message>
</context>
<context>
    <name>CustomerHeader</name>
    <message>
        <source>Show contact</source>
        <translation>Pokaż kontakt</translation>
    </message>
    <message>
        <source>Show the full phone number and e-mail</source>
        <translation>Pokaż pełny numer telefonu i e-mail</translation>
    </message>
    <message>
        <source>Shows the full contact details; this is recorded.</source>
        <translation>Pokazuje pełne dane kontaktowe; zostanie to odnotowane.</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Prefers</source>
        <translation>Preferuje</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Zgody</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>Ulubione</translation>
    </message>
    <message>
        <source>Loyalty member {id}</source>
        <translation>Klient programu {id}</translation>
    </message>
    <message>
        <source>Recognised from their signed app code</source>
        <translation>Rozpoznany po podpisanym kodzie z aplikacji</translation>
    </message>
    <message>
        <source>Points unavailable offline</source>
        <translation>Punkty niedostępne offline</translation>
    </message>
    <message>
        <source>Loyalty card {card}</source>
        <translation>Karta lojalnościowa {card}</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>brak telefonu</translation>
    </message>
    <message>
        <source>no e-mail</source>
        <translation>brak e-maila</translation>
    </message>
    <message>
        <source>worth {value} at the till</source>
        <translation>warte {value} przy kasie</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>App notification</source>
        <translation>Powiadomienie w aplikacji</translation>
    </message>
    <message>
        <source>{email} e-mail   {sms} SMS   {profiling} profiling</source>
        <translation>{email} e-mail   {sms} SMS   {profiling} profilowanie</translation>
    </message>
    <message>
        <source>No marketing offers: no consent.</source>
        <translation>Bez ofert marketingowych: brak zgody.</translation>
    </message>
    <message>
        <source>sizes {sizes}</source>
        <translation>rozmiary {sizes}</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>brak danych</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <source>Next customer</source>
        <translation>Następny klient</translation>
    </message>
    <message>
        <source>Close this customer and serve the next one</source>
        <translation>Zamknij tego klienta i obsłuż następnego</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Dodaj notatkę</translation>
    </message>
    <message>
        <source>Add a note to the customer&apos;s thread</source>
        <translation>Dodaj notatkę do historii kontaktów klienta</translation>
    </message>
    <message>
        <source>Finalize cart</source>
        <translation>Sfinalizuj koszyk</translation>
    </message>
    <message>
        <source>Finalize the online cart or start a sale</source>
        <translation>Sfinalizuj koszyk internetowy lub rozpocznij sprzedaż</translation>
    </message>
    <message>
        <source>Show only one channel</source>
        <translation>Pokaż tylko jeden kanał</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Wszystkie kanały</translation>
    </message>
    <message>
        <source>Show only one kind of entry</source>
        <translation>Pokaż tylko jeden rodzaj wpisów</translation>
    </message>
    <message>
        <source>The customer&apos;s timeline across channels</source>
        <translation>Oś czasu klienta we wszystkich kanałach</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Oś czasu</translation>
    </message>
    <message>
        <source>Offline: recognised from their signed app code. Their profile, history and cart are unavailable until the tablet is online; a sale can still be made and is queued.</source>
        <translation>Offline: klienta rozpoznano po podpisanym kodzie z aplikacji. Profil, historia i koszyk będą dostępne, gdy tablet będzie online; sprzedaż jest możliwa i trafi do kolejki.</translation>
    </message>
    <message>
        <source>Central cannot be reached: this is the profile the tablet saved earlier; it may be out of date.</source>
        <translation>Brak połączenia z centralą: to profil zapisany wcześniej na tablecie; może być nieaktualny.</translation>
    </message>
    <message>
        <source>Fetched from central and kept on this tablet.</source>
        <translation>Pobrano z centrali i zapisano na tym tablecie.</translation>
    </message>
</context>
<context>
    <name>DecidePage</name>
    <message>
        <source>← Another order</source>
        <translation>← Inne zamówienie</translation>
    </message>
    <message>
        <source>Back to finding an order</source>
        <translation>Wróć do wyszukiwania zamówienia</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Zamówienie {number}</translation>
    </message>
    <message>
        <source>paid {total}</source>
        <translation>zapłacono {total}</translation>
    </message>
    <message>
        <source>{when}: {amount} ({status})</source>
        <translation>{when}: {amount} ({status})</translation>
    </message>
    <message>
        <source>Returned before: {list}</source>
        <translation>Zwrócono wcześniej: {list}</translation>
    </message>
    <message>
        <source>Choose how many of which items come back.</source>
        <translation>Wybierz, ile sztuk których pozycji wraca.</translation>
    </message>
    <message>
        <source>Choose why each item comes back.</source>
        <translation>Wybierz powód zwrotu każdej pozycji.</translation>
    </message>
    <message>
        <source>An item outside the policy needs a manager&apos;s override.</source>
        <translation>Pozycja poza zasadami zwrotów wymaga zgody kierownika.</translation>
    </message>
</context>
<context>
    <name>DemoCardsWindow</name>
    <message>
        <source>Clerk — Demo cards</source>
        <translation>Clerk — Karty demonstracyjne</translation>
    </message>
    <message>
        <source>Demo cards</source>
        <translation>Karty demonstracyjne</translation>
    </message>
    <message>
        <source>Real demo customers and orders of this store. Scan a code with a scanner or the camera, or press Scan this. Loyalty codes are signed afresh every four minutes, like the customer app&apos;s.</source>
        <translation>Prawdziwi klienci i zamówienia demonstracyjne tego sklepu. Zeskanuj kod skanerem lub kamerą albo naciśnij „Zeskanuj”. Kody lojalnościowe są podpisywane na nowo co cztery minuty, tak jak w aplikacji klienta.</translation>
    </message>
    <message>
        <source>Sign fresh codes</source>
        <translation>Wygeneruj nowe kody</translation>
    </message>
    <message>
        <source>Loyalty QR (customer app)</source>
        <translation>QR lojalnościowy (aplikacja klienta)</translation>
    </message>
    <message>
        <source>Printed loyalty card</source>
        <translation>Drukowana karta lojalnościowa</translation>
    </message>
    <message>
        <source>Pickup QR (ready order)</source>
        <translation>QR odbioru (zamówienie gotowe)</translation>
    </message>
    <message>
        <source>Receipt QR</source>
        <translation>QR z paragonu</translation>
    </message>
    <message>
        <source>Product label</source>
        <translation>Etykieta produktu</translation>
    </message>
    <message>
        <source>{tier} · {points} points</source>
        <translation>{tier} · {points} pkt</translation>
    </message>
    <message>
        <source>Scan this</source>
        <translation>Zeskanuj</translation>
    </message>
    <message>
        <source>Scan this code</source>
        <translation>Zeskanuj ten kod</translation>
    </message>
</context>
<context>
    <name>DeskOrderHeader</name>
    <message>
        <source>Queue</source>
        <translation>Kolejka</translation>
    </message>
    <message>
        <source>Back to the pickup queue</source>
        <translation>Wróć do kolejki odbiorów</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Zamówienie {number}</translation>
    </message>
    <message>
        <source>no customer account</source>
        <translation>brak konta klienta</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 szt.</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n} szt.</translation>
    </message>
    <message>
        <source>ordered {when}</source>
        <translation>zamówiono {when}</translation>
    </message>
    <message>
        <source>Central refused: {why}</source>
        <translation>Centrala odrzuciła: {why}</translation>
    </message>
    <message>
        <source>This tablet&apos;s last action waits to be sent to central.</source>
        <translation>Ostatnie działanie z tego tabletu czeka na wysłanie do centrali.</translation>
    </message>
    <message>
        <source>The hold is over.</source>
        <translation>Termin odbioru minął.</translation>
    </message>
    <message>
        <source>The hold ends soon.</source>
        <translation>Termin odbioru wkrótce mija.</translation>
    </message>
</context>
<context>
    <name>DiscardReasonDialog</name>
    <message>
        <source>Discard an action</source>
        <translation>Wycofanie działania</translation>
    </message>
    <message>
        <source>Give this action up for good?</source>
        <translation>Wycofać to działanie na stałe?</translation>
    </message>
    <message>
        <source>Reason for giving it up</source>
        <translation>Powód wycofania</translation>
    </message>
    <message>
        <source>Why is it given up?</source>
        <translation>Dlaczego działanie jest wycofywane?</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Zostaw</translation>
    </message>
    <message>
        <source>Keep the action</source>
        <translation>Zostaw działanie</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Wycofaj</translation>
    </message>
    <message>
        <source>Discard the action</source>
        <translation>Wycofaj działanie</translation>
    </message>
    <message>
        <source>Type the reason first; it stays on record.</source>
        <translation>Najpierw wpisz powód; zostanie zapisany w historii.</translation>
    </message>
</context>
<context>
    <name>EffortDialog</name>
    <message>
        <source>How easy was it?</source>
        <translation>Czy było łatwo?</translation>
    </message>
    <message>
        <source>How easy was it to collect your order?</source>
        <translation>Jak łatwo było odebrać zamówienie?</translation>
    </message>
    <message>
        <source>Tap one: 1 is very hard, 5 is very easy.</source>
        <translation>Wybierz ocenę: 1 – bardzo trudno, 5 – bardzo łatwo.</translation>
    </message>
    <message>
        <source>Very hard</source>
        <translation>Bardzo trudno</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>Trudno</translation>
    </message>
    <message>
        <source>Neither</source>
        <translation>Średnio</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>Łatwo</translation>
    </message>
    <message>
        <source>Very easy</source>
        <translation>Bardzo łatwo</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Pomiń</translation>
    </message>
    <message>
        <source>Skip the score</source>
        <translation>Pomiń ocenę</translation>
    </message>
    <message>
        <source>Score {score}: {word}</source>
        <translation>Ocena {score}: {word}</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Dziękujemy!</translation>
    </message>
    <message>
        <source>Please hand the tablet back to our staff.</source>
        <translation>Prosimy o oddanie tabletu pracownikowi sklepu.</translation>
    </message>
</context>
<context>
    <name>EnrollmentDialog</name>
    <message>
        <source>Connect this tablet to the store</source>
        <translation>Połącz tablet ze sklepem</translation>
    </message>
    <message>
        <source>Type the address of the central service and the one-time enrollment code your IT or store manager gave you. The code is valid for 15 minutes.</source>
        <translation>Wpisz adres systemu centralnego i jednorazowy kod rejestracyjny otrzymany od działu IT lub kierownika sklepu. Kod jest ważny przez 15 minut.</translation>
    </message>
    <message>
        <source>Central address</source>
        <translation>Adres centrali</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Kod rejestracyjny</translation>
    </message>
    <message>
        <source>Tablet name</source>
        <translation>Nazwa tabletu</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Połącz</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Zakończ</translation>
    </message>
    <message>
        <source>Type both the central address and the enrollment code.</source>
        <translation>Wpisz adres centrali i kod rejestracyjny.</translation>
    </message>
    <message>
        <source>Connecting to central…</source>
        <translation>Łączenie z centralą…</translation>
    </message>
</context>
<context>
    <name>EntryOpener</name>
    <message>
        <source>This order is not on the tablet and central cannot be reached; try again when the tablet is online.</source>
        <translation>Tego zamówienia nie ma na tablecie, a centrala nie odpowiada; spróbuj ponownie, gdy tablet będzie online.</translation>
    </message>
</context>
<context>
    <name>ExpireDialog</name>
    <message>
        <source>Expire hold</source>
        <translation>Oznacz jako wygasłe</translation>
    </message>
    <message>
        <source>Expire the hold of order {number}?</source>
        <translation>Oznaczyć zamówienie {number} jako wygasłe?</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>klient</translation>
    </message>
    <message>
        <source>The items go back to stock, the customer is refunded for everything still on the shelf, and central tells them the order has expired. This cannot be undone.</source>
        <translation>Towar wróci na stan, klient otrzyma zwrot środków za wszystko, co jeszcze czeka na półce, a centrala powiadomi go o wygaśnięciu zamówienia. Tego nie można cofnąć.</translation>
    </message>
    <message>
        <source>Keep it on the shelf</source>
        <translation>Zostaw na półce</translation>
    </message>
    <message>
        <source>Do not expire the hold</source>
        <translation>Nie oznaczaj jako wygasłe</translation>
    </message>
    <message>
        <source>Expire the hold: back to stock and refund</source>
        <translation>Oznacz jako wygasłe: towar na stan, zwrot środków</translation>
    </message>
</context>
<context>
    <name>ExpireHoldDialog</name>
    <message>
        <source>Expire hold</source>
        <translation>Oznacz jako wygasłe</translation>
    </message>
    <message>
        <source>Expire the hold of order {number}?</source>
        <translation>Zakończyć przechowywanie zamówienia {number}?</translation>
    </message>
    <message>
        <source>The items go back to stock, the customer is refunded for everything still on the shelf, and central tells them the order has expired. This cannot be undone.</source>
        <translation>Towary wracają na stan, klient dostaje zwrot pieniędzy za wszystko, co czeka na półce, a centrala informuje go, że zamówienie wygasło. Tego nie można cofnąć.</translation>
    </message>
    <message>
        <source>Keep it on the shelf</source>
        <translation>Zostaw na półce</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend reservation</source>
        <translation>Przedłuż rezerwację</translation>
    </message>
    <message>
        <source>Hold reservation {reference} longer</source>
        <translation>Przedłuż rezerwację {reference}</translation>
    </message>
    <message>
        <source>Held until {until}. A reservation can be held until {latest} at the latest (7 days from when it was made).</source>
        <translation>Ważna do {until}. Rezerwację można przedłużyć najdalej do {latest} (7 dni od jej złożenia).</translation>
    </message>
    <message>
        <source>New end of the hold</source>
        <translation>Nowy termin rezerwacji</translation>
    </message>
    <message>
        <source>+1 day</source>
        <translation>+1 dzień</translation>
    </message>
    <message>
        <source>Hold one day longer</source>
        <translation>Przedłuż o jeden dzień</translation>
    </message>
    <message>
        <source>+2 days</source>
        <translation>+2 dni</translation>
    </message>
    <message>
        <source>Hold two days longer</source>
        <translation>Przedłuż o dwa dni</translation>
    </message>
    <message>
        <source>+3 days</source>
        <translation>+3 dni</translation>
    </message>
    <message>
        <source>Hold three days longer</source>
        <translation>Przedłuż o trzy dni</translation>
    </message>
    <message>
        <source>As long as allowed</source>
        <translation>Najdłużej, jak można</translation>
    </message>
    <message>
        <source>Hold until the latest</source>
        <translation>Przedłuż do najpóźniejszego terminu</translation>
    </message>
    <message>
        <source>This reservation is already held as long as allowed.</source>
        <translation>Ta rezerwacja jest już przedłużona maksymalnie.</translation>
    </message>
    <message>
        <source>Keep as it is</source>
        <translation>Zostaw bez zmian</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Przedłuż</translation>
    </message>
</context>
<context>
    <name>FindCustomer</name>
    <message>
        <source>Scan the customer&apos;s loyalty code</source>
        <translation>Zeskanuj kod lojalnościowy klienta</translation>
    </message>
    <message>
        <source>The code in their app or wallet, or their printed card. No card? Search by name, phone, e-mail or card number.</source>
        <translation>Kod z aplikacji lub portfela w telefonie albo drukowana karta. Brak karty? Wyszukaj po imieniu i nazwisku, telefonie, e-mailu lub numerze karty.</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Wyszukaj klientów</translation>
    </message>
    <message>
        <source>Name, phone, e-mail or card number</source>
        <translation>Imię i nazwisko, telefon, e-mail lub nr karty</translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation>Znalezieni klienci</translation>
    </message>
    <message>
        <source>Not on this tablet — searching central…</source>
        <translation>Brak na tym tablecie — wyszukiwanie w centrali…</translation>
    </message>
    <message>
        <source>No customer on this tablet matches, and central cannot be reached to search further. Scan their app code: it works offline.</source>
        <translation>Na tym tablecie nie ma pasującego klienta, a bez połączenia z centralą nie można szukać dalej. Zeskanuj kod z aplikacji klienta: działa offline.</translation>
    </message>
    <message>
        <source>No customer matches “{query}”.</source>
        <translation>Brak klientów pasujących do „{query}”.</translation>
    </message>
    <message>
        <source>{name} — {tier}, {points}
{contact}   card …{card}</source>
        <translation>{name} — {tier}, {points}
{contact}   karta …{card}</translation>
    </message>
    <message>
        <source>(from central)</source>
        <translation>(z centrali)</translation>
    </message>
</context>
<context>
    <name>FindPage</name>
    <message>
        <source>Returns</source>
        <translation>Zwroty</translation>
    </message>
    <message>
        <source>Anything bought in any channel — web, app, phone, this or another store — comes back here under one policy.</source>
        <translation>Wszystko, co kupiono w dowolnym kanale — w sklepie internetowym, aplikacji, przez telefon, w tym lub innym sklepie — wraca tutaj na tych samych zasadach.</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Numer zamówienia</translation>
    </message>
    <message>
        <source>Order number of the purchase</source>
        <translation>Numer zamówienia zakupu</translation>
    </message>
    <message>
        <source>As on the receipt or e-mail, e.g. W26-0001234</source>
        <translation>Jak na paragonie lub w e-mailu, np. W26-0001234</translation>
    </message>
    <message>
        <source>Find the order</source>
        <translation>Znajdź zamówienie</translation>
    </message>
    <message>
        <source>Scan the QR code on the receipt (paper or PDF).</source>
        <translation>Zeskanuj kod QR z paragonu (papierowego lub PDF).</translation>
    </message>
    <message>
        <source>Type the order number of any channel and press Enter.</source>
        <translation>Wpisz numer zamówienia z dowolnego kanału i naciśnij Enter.</translation>
    </message>
    <message>
        <source>Or open the order on the Counter from the customer&apos;s timeline: Return…</source>
        <translation>Albo otwórz zamówienie w Ladzie z historii klienta: Zwrot…</translation>
    </message>
</context>
<context>
    <name>HoldDetail</name>
    <message>
        <source>Created</source>
        <translation>Utworzono</translation>
    </message>
    <message>
        <source>Held until</source>
        <translation>Ważna do</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Pozostało</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wartość</translation>
    </message>
    <message>
        <source>Items held</source>
        <translation>Odłożone towary</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>Przedłuż…</translation>
    </message>
    <message>
        <source>Extend the reservation</source>
        <translation>Przedłuż rezerwację</translation>
    </message>
    <message>
        <source>Collect…</source>
        <translation>Sprzedaj…</translation>
    </message>
    <message>
        <source>Sell the reserved items now</source>
        <translation>Sprzedaj teraz zarezerwowane towary</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>Anuluj…</translation>
    </message>
    <message>
        <source>Cancel the reservation</source>
        <translation>Anuluj rezerwację</translation>
    </message>
    <message>
        <source>Expire hold…</source>
        <translation>Zakończ przechowywanie…</translation>
    </message>
    <message>
        <source>Expire the overdue pickup</source>
        <translation>Zakończ przechowywanie przeterminowanego zamówienia</translation>
    </message>
    <message>
        <source>Pick a hold in the list to see it here.</source>
        <translation>Wybierz rezerwację z listy, aby zobaczyć ją tutaj.</translation>
    </message>
    <message>
        <source>(no customer account)</source>
        <translation>(bez konta klienta)</translation>
    </message>
    <message>
        <source>Only a hold that is over can be expired.</source>
        <translation>Zakończyć można tylko przechowywanie, którego termin minął.</translation>
    </message>
    <message>
        <source>Central refused the last change: {why}</source>
        <translation>Centrala odrzuciła ostatnią zmianę: {why}</translation>
    </message>
    <message>
        <source>A change waits to be sent to central.</source>
        <translation>Zmiana czeka na wysłanie do centrali.</translation>
    </message>
    <message>
        <source>The hold is over: expire it, or hand it over today.</source>
        <translation>Termin minął: zakończ przechowywanie albo wydaj zamówienie jeszcze dziś.</translation>
    </message>
    <message>
        <source>The hold is over; central will release the items.</source>
        <translation>Termin minął; centrala zwolni towary.</translation>
    </message>
    <message>
        <source>The hold ends within a day.</source>
        <translation>Termin mija w ciągu doby.</translation>
    </message>
</context>
<context>
    <name>HoldsModel</name>
    <message>
        <source>Reference</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Towary</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Utworzono</translation>
    </message>
    <message>
        <source>Held until</source>
        <translation>Ważna do</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Pozostało</translation>
    </message>
    <message>
        <source>(no customer account)</source>
        <translation>(bez konta klienta)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clerk — {store}</source>
        <translation>Clerk — {store}</translation>
    </message>
    <message>
        <source>{role} staff do not open {screen}; ask a manager.</source>
        <translation>Rola „{role}” nie ma dostępu do ekranu „{screen}” — poproś kierownika.</translation>
    </message>
    <message>
        <source>Store credit {code} scanned: open the sale at the Counter to take it.</source>
        <translation>Zeskanowano bon sklepowy {code}: otwórz sprzedaż na ekranie Lada, aby go przyjąć.</translation>
    </message>
</context>
<context>
    <name>ManagerOverrideDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>Zgoda kierownika</translation>
    </message>
    <message>
        <source>A manager&apos;s approval is needed</source>
        <translation>Potrzebna zgoda kierownika</translation>
    </message>
    <message>
        <source>Approving manager</source>
        <translation>Kierownik zatwierdzający</translation>
    </message>
    <message>
        <source>Looking for this store&apos;s managers…</source>
        <translation>Wyszukiwanie kierowników tego sklepu…</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Uzasadnienie (wymagane)</translation>
    </message>
    <message>
        <source>Reason for the approval</source>
        <translation>Uzasadnienie zgody</translation>
    </message>
    <message>
        <source>Why is this approved?</source>
        <translation>Dlaczego wyrażasz zgodę?</translation>
    </message>
    <message>
        <source>Choose the manager first</source>
        <translation>Najpierw wybierz kierownika</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>PIN kierownika</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Cancel the approval</source>
        <translation>Anuluj zatwierdzanie</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Zatwierdź</translation>
    </message>
    <message>
        <source>Approve with this PIN</source>
        <translation>Zatwierdź tym PIN-em</translation>
    </message>
    <message>
        <source>No manager of this store is on this tablet yet. Sync the tablet, or ask a manager to sign in here once.</source>
        <translation>Na tym tablecie nie ma jeszcze żadnego kierownika tego sklepu. Zsynchronizuj tablet lub poproś kierownika, aby raz się na nim zalogował.</translation>
    </message>
    <message>
        <source>PIN of {name}</source>
        <translation>PIN: {name}</translation>
    </message>
    <message>
        <source>Choose the approving manager.</source>
        <translation>Wybierz kierownika, który zatwierdza.</translation>
    </message>
    <message>
        <source>Type the manager&apos;s PIN.</source>
        <translation>Wpisz PIN kierownika.</translation>
    </message>
    <message>
        <source>Type the reason for this approval.</source>
        <translation>Wpisz uzasadnienie zgody.</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>Sprawdzanie PIN-u…</translation>
    </message>
    <message>
        <source>Wrong PIN. {n} more wrong PINs lock this manager out for a while.</source>
        <translation>Błędny PIN. Liczba prób do czasowej blokady kierownika: {n}.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Błędny PIN.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. This manager can try again after {time}.</source>
        <translation>Zbyt wiele błędnych prób. Kierownik może spróbować ponownie po {time}.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Zamknij komunikat</translation>
    </message>
</context>
<context>
    <name>NavRail</name>
    <message>
        <source>Counter</source>
        <translation>Lada</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Odbiór</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Zwroty</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Rezerwacje</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Dziś</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Uwaga</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Add to the customer&apos;s thread</source>
        <translation>Dodaj do historii kontaktów klienta</translation>
    </message>
    <message>
        <source>Kind of entry</source>
        <translation>Rodzaj wpisu</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notatka</translation>
    </message>
    <message>
        <source>Store contact (the customer asked or told us something)</source>
        <translation>Kontakt w sklepie (klient o coś pytał lub coś przekazał)</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Treść</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <source>Save to the thread</source>
        <translation>Zapisz w historii</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Write something first: the note is empty.</source>
        <translation>Najpierw coś wpisz: notatka jest pusta.</translation>
    </message>
</context>
<context>
    <name>OpenItemsPanel</name>
    <message>
        <source>Open items</source>
        <translation>Sprawy w toku</translation>
    </message>
    <message>
        <source>Unavailable until the tablet is online.</source>
        <translation>Niedostępne, dopóki tablet nie będzie online.</translation>
    </message>
    <message>
        <source>Nothing open: no pickups, reservations, returns or tickets.</source>
        <translation>Brak spraw w toku: żadnych odbiorów, rezerwacji, zwrotów ani zgłoszeń.</translation>
    </message>
    <message>
        <source>Order {number} is ready for pickup here</source>
        <translation>Zamówienie {number} jest gotowe do odbioru w tym sklepie</translation>
    </message>
    <message>
        <source>Order {number} will be collected here ({status})</source>
        <translation>Zamówienie {number} do odbioru w tym sklepie ({status})</translation>
    </message>
    <message>
        <source>Open in Pickup</source>
        <translation>Otwórz w Odbiorze</translation>
    </message>
    <message>
        <source>Open order {number} on the Pickup screen</source>
        <translation>Otwórz zamówienie {number} na ekranie Odbiór</translation>
    </message>
    <message>
        <source>Reservation held until {until}</source>
        <translation>Rezerwacja ważna do {until}</translation>
    </message>
    <message>
        <source>Return refund pending: {amount}</source>
        <translation>Oczekujący zwrot środków: {amount}</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Czytaj</translation>
    </message>
    <message>
        <source>Read the ticket&apos;s thread</source>
        <translation>Czytaj wątek zgłoszenia</translation>
    </message>
    <message>
        <source>Open ticket: {subject}</source>
        <translation>Otwarte zgłoszenie: {subject}</translation>
    </message>
</context>
<context>
    <name>OrderChooser</name>
    <message>
        <source>Which order is the customer collecting now?</source>
        <translation>Które zamówienie klient teraz odbiera?</translation>
    </message>
    <message>
        <source>Back to the queue</source>
        <translation>Wróć do kolejki</translation>
    </message>
    <message>
        <source>Back to the pickup queue</source>
        <translation>Wróć do kolejki odbiorów</translation>
    </message>
    <message>
        <source>{name} has {n} orders waiting here</source>
        <translation>{name} — zamówienia do odbioru: {n}</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>{number} — {items} items · {hold}</source>
        <translation>{number} — {items} szt. · {hold}</translation>
    </message>
    <message>
        <source>Open order {number}</source>
        <translation>Otwórz zamówienie {number}</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>(number follows from central)</source>
        <translation>(numer nada centrala)</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Zamówienie {number}</translation>
    </message>
    <message>
        <source>{channel} · {when} · {status} · {store}</source>
        <translation>{channel} · {when} · {status} · {store}</translation>
    </message>
    <message>
        <source>{n} returned</source>
        <translation>zwrócono: {n}</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Ilość</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Zwrócono</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Wartość</translation>
    </message>
    <message>
        <source>Paid with</source>
        <translation>Forma płatności</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Nr referencyjny</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <source>Total {total} · points earned {points}</source>
        <translation>Razem {total} · zdobyte punkty: {points}</translation>
    </message>
    <message>
        <source>Collected {when}</source>
        <translation>Odebrano {when}</translation>
    </message>
    <message>
        <source>Returned {when}: {amount} ({status})</source>
        <translation>Zwrot {when}: {amount} ({status})</translation>
    </message>
    <message>
        <source>From central: this order is not kept on the tablet.</source>
        <translation>Pobrane z centrali: zamówienie nie jest przechowywane na tablecie.</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Zwrot…</translation>
    </message>
    <message>
        <source>Take items of this order back</source>
        <translation>Przyjmij zwrot pozycji z tego zamówienia</translation>
    </message>
</context>
<context>
    <name>OrderHeader</name>
    <message>
        <source>Shelf / bin</source>
        <translation>Półka / pojemnik</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Zamówienie {number}</translation>
    </message>
    <message>
        <source>Customer not on this tablet</source>
        <translation>Klienta nie ma na tym tablecie</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>No hold end set</source>
        <translation>Brak terminu odbioru</translation>
    </message>
    <message>
        <source>Held until {when}</source>
        <translation>Termin odbioru: {when}</translation>
    </message>
    <message>
        <source>{hold} — ends soon</source>
        <translation>{hold} — wkrótce mija</translation>
    </message>
    <message>
        <source>{hold} — the hold has ended</source>
        <translation>{hold} — termin minął</translation>
    </message>
</context>
<context>
    <name>OrderPage</name>
    <message>
        <source>Order {number} is ready on shelf {shelf}. This build has no release panel.</source>
        <translation>Zamówienie {number} czeka na półce {shelf}. Ta wersja aplikacji nie ma panelu wydawania.</translation>
    </message>
</context>
<context>
    <name>OrderSummary</name>
    <message>
        <source>Collected — nothing more to hand over</source>
        <translation>Odebrane — nie ma już nic do wydania</translation>
    </message>
    <message>
        <source>verified by {method}</source>
        <translation>weryfikacja: {method}</translation>
    </message>
    <message>
        <source>Cancelled — nothing to hand over</source>
        <translation>Anulowane — nie ma nic do wydania</translation>
    </message>
    <message>
        <source>The customer was refunded; check their other orders with them.</source>
        <translation>Klient otrzymał zwrot środków; sprawdź z nim jego pozostałe zamówienia.</translation>
    </message>
    <message>
        <source>Hold expired — back in stock and refunded</source>
        <translation>Termin odbioru minął — towar wrócił na stan, środki zwrócono</translation>
    </message>
    <message>
        <source>The customer was told by central.</source>
        <translation>Centrala powiadomiła klienta.</translation>
    </message>
    <message>
        <source>Nothing to do here for this order</source>
        <translation>Przy tym zamówieniu nie ma tu nic do zrobienia</translation>
    </message>
    <message>
        <source>This tablet&apos;s last action on it waits to be sent to central.</source>
        <translation>Ostatnie działanie z tego tabletu dotyczące zamówienia czeka na wysłanie do centrali.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Zamówiono</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Odebrano</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Braki</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Zwrócono</translation>
    </message>
</context>
<context>
    <name>OverridesPage</name>
    <message>
        <source>Staff member</source>
        <translation>Pracownik</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Wszyscy</translation>
    </message>
    <message>
        <source>Kind of action</source>
        <translation>Rodzaj działania</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>Każdy rodzaj</translation>
    </message>
    <message>
        <source>Overrides and sensitive actions</source>
        <translation>Wyjątki i działania wrażliwe</translation>
    </message>
    <message>
        <source>No override or sensitive action this day.</source>
        <translation>Tego dnia nie było wyjątków ani działań wrażliwych.</translation>
    </message>
    <message>
        <source>From this tablet&apos;s audit log: each entry says who did it, when, and the reason they gave.</source>
        <translation>Z dziennika zdarzeń tego tabletu: kto, kiedy i z jakiego powodu.</translation>
    </message>
</context>
<context>
    <name>PaymentPanel</name>
    <message>
        <source>To pay</source>
        <translation>Do zapłaty</translation>
    </message>
    <message>
        <source>Amount to pay</source>
        <translation>Kwota do zapłaty</translation>
    </message>
    <message>
        <source>Redeem 100 points less</source>
        <translation>Wykorzystaj o 100 punktów mniej</translation>
    </message>
    <message>
        <source>Redeem 100 points more</source>
        <translation>Wykorzystaj o 100 punktów więcej</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Maks.</translation>
    </message>
    <message>
        <source>Redeem as many points as allowed</source>
        <translation>Wykorzystaj maksymalną dozwoloną liczbę punktów</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkty</translation>
    </message>
    <message>
        <source>Amount paid by card</source>
        <translation>Kwota płatna kartą</translation>
    </message>
    <message>
        <source>Card for the rest</source>
        <translation>Pozostałe kartą</translation>
    </message>
    <message>
        <source>Pay the rest by card</source>
        <translation>Zapłać pozostałą kwotę kartą</translation>
    </message>
    <message>
        <source>Card terminal reference</source>
        <translation>Numer referencyjny z terminala</translation>
    </message>
    <message>
        <source>Terminal reference from the slip</source>
        <translation>Nr referencyjny z wydruku terminala</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <source>Amount paid in cash</source>
        <translation>Kwota płatna gotówką</translation>
    </message>
    <message>
        <source>Cash for the rest</source>
        <translation>Pozostałe gotówką</translation>
    </message>
    <message>
        <source>Pay the rest in cash</source>
        <translation>Zapłać pozostałą kwotę gotówką</translation>
    </message>
    <message>
        <source>Cash the customer handed over</source>
        <translation>Gotówka otrzymana od klienta</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Otrzymano</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Odliczone</translation>
    </message>
    <message>
        <source>The customer gave the exact amount</source>
        <translation>Klient dał odliczoną kwotę</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>Reszta do wydania</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Reszta</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <source>{total} less {value} in points</source>
        <translation>{total} minus {value} w punktach</translation>
    </message>
    <message>
        <source>The customer gave {amount}</source>
        <translation>Klient dał {amount}</translation>
    </message>
    <message>
        <source>− {value}</source>
        <translation>− {value}</translation>
    </message>
    <message>
        <source>Balance {balance}: too few to redeem (100 points = {block}). This sale earns {earned}.</source>
        <translation>Saldo {balance}: za mało do wykorzystania (100 pkt = {block}). Ta sprzedaż doda {earned}.</translation>
    </message>
    <message>
        <source>Balance {balance}, worth {worth}. This sale earns {earned}.</source>
        <translation>Saldo {balance}, wartość {worth}. Ta sprzedaż doda {earned}.</translation>
    </message>
    <message>
        <source>Scan or type a product to start the sale.</source>
        <translation>Zeskanuj lub wpisz produkt, aby rozpocząć sprzedaż.</translation>
    </message>
    <message>
        <source>Store credit pays for the rest; nothing more to take.</source>
        <translation>Bon sklepowy pokrywa resztę; nie trzeba nic więcej pobierać.</translation>
    </message>
    <message>
        <source>Points pay for everything; nothing more to take.</source>
        <translation>Punkty pokrywają całą kwotę; nie ma nic do pobrania.</translation>
    </message>
    <message>
        <source>{amount} still to pay.</source>
        <translation>Pozostało do zapłaty: {amount}.</translation>
    </message>
    <message>
        <source>{amount} too much — lower the card or the cash amount so they add up to the amount to pay.</source>
        <translation>O {amount} za dużo — zmniejsz kwotę kartą lub gotówką, aby suma była równa kwocie do zapłaty.</translation>
    </message>
    <message>
        <source>Type or tap how much cash the customer handed over.</source>
        <translation>Wpisz lub wybierz, ile gotówki dał klient.</translation>
    </message>
    <message>
        <source>The cash handed over is {amount} short of the cash amount.</source>
        <translation>Otrzymana gotówka jest o {amount} mniejsza niż kwota płatna gotówką.</translation>
    </message>
    <message>
        <source>Paid in full.</source>
        <translation>Zapłacono w całości.</translation>
    </message>
    <message>
        <source>Paid in full. Give {change} back.</source>
        <translation>Zapłacono w całości. Wydaj {change} reszty.</translation>
    </message>
</context>
<context>
    <name>PhoneCheck</name>
    <message>
        <source>Verify the customer</source>
        <translation>Zweryfikuj klienta</translation>
    </message>
    <message>
        <source>Last three digits of the customer&apos;s phone</source>
        <translation>Ostatnie trzy cyfry telefonu klienta</translation>
    </message>
    <message>
        <source>Last 3 digits</source>
        <translation>Ostatnie 3 cyfry</translation>
    </message>
    <message>
        <source>Ask the customer for the last three digits of their phone — or scan the pickup code from their notification.</source>
        <translation>Poproś klienta o trzy ostatnie cyfry numeru telefonu — albo zeskanuj kod odbioru z powiadomienia.</translation>
    </message>
    <message>
        <source>No phone of this customer is on the tablet: scan the pickup code from their notification, or their loyalty code.</source>
        <translation>Na tablecie nie ma telefonu tego klienta: zeskanuj kod odbioru z powiadomienia lub kod lojalnościowy klienta.</translation>
    </message>
    <message>
        <source>Type all three digits.</source>
        <translation>Wpisz wszystkie trzy cyfry.</translation>
    </message>
    <message>
        <source>The digits match.</source>
        <translation>Cyfry się zgadzają.</translation>
    </message>
    <message>
        <source>Three wrong tries: do not hand this order over on the phone digits. Scan the pickup code from the customer&apos;s notification instead.</source>
        <translation>Trzy błędne próby: nie wydawaj zamówienia na podstawie cyfr telefonu. Zamiast tego zeskanuj kod odbioru z powiadomienia klienta.</translation>
    </message>
    <message>
        <source>Those digits do not match this customer&apos;s phone — ask again, or scan their pickup code.</source>
        <translation>Te cyfry nie pasują do telefonu klienta — zapytaj ponownie lub zeskanuj kod odbioru.</translation>
    </message>
</context>
<context>
    <name>PickRow</name>
    <message>
        <source>size {size}</source>
        <translation>rozmiar {size}</translation>
    </message>
    <message>
        <source>EAN {ean}</source>
        <translation>EAN {ean}</translation>
    </message>
    <message>
        <source>18+: ID checked at release</source>
        <translation>18+: dokument sprawdzany przy wydaniu</translation>
    </message>
    <message>
        <source>Short…</source>
        <translation>Brak…</translation>
    </message>
    <message>
        <source>Mark units of {name} short</source>
        <translation>Oznacz brakujące sztuki: {name}</translation>
    </message>
    <message>
        <source>{done} / {all}</source>
        <translation>{done} / {all}</translation>
    </message>
    <message>
        <source>{n} short: {reason} — refunded, central tells the customer</source>
        <translation>Brak {n} szt.: {reason} — zwrot środków, centrala powiadomi klienta</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Skompletowano</translation>
    </message>
    <message>
        <source>Scan {n} more</source>
        <translation>Zeskanuj jeszcze {n}</translation>
    </message>
</context>
<context>
    <name>PickupPrepare</name>
    <message>
        <source>Not found</source>
        <translation>Nie znaleziono</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Uszkodzony</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>Błędny towar</translation>
    </message>
</context>
<context>
    <name>PickupQueue</name>
    <message>
        <source>just now</source>
        <translation>przed chwilą</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h} h</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 dzień</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} dni</translation>
    </message>
    <message>
        <source>ordered {when}</source>
        <translation>zamówiono {when}</translation>
    </message>
    <message>
        <source>collected today</source>
        <translation>odebrano dziś</translation>
    </message>
    <message>
        <source>collected at {time}</source>
        <translation>odebrano o {time}</translation>
    </message>
    <message>
        <source>ended {when}</source>
        <translation>minął {when}</translation>
    </message>
    <message>
        <source>until {when}</source>
        <translation>do {when}</translation>
    </message>
    <message>
        <source>shelf {shelf}</source>
        <translation>półka {shelf}</translation>
    </message>
    <message>
        <source>Central refused: {why}</source>
        <translation>Centrala odrzuciła: {why}</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Czeka na wysłanie</translation>
    </message>
    <message>
        <source>Hold over</source>
        <translation>Po terminie</translation>
    </message>
    <message>
        <source>Hold ends soon</source>
        <translation>Mija termin</translation>
    </message>
    <message>
        <source>To prepare</source>
        <translation>Do przygotowania</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Expiring or overdue</source>
        <translation>Wygasające lub po terminie</translation>
    </message>
    <message>
        <source>Collected today</source>
        <translation>Odebrane dziś</translation>
    </message>
    <message>
        <source>Nothing to prepare: every order for pickup here is on the shelf.</source>
        <translation>Nic do przygotowania: wszystkie zamówienia do odbioru w tym sklepie są już na półce.</translation>
    </message>
    <message>
        <source>No order waits on the shelf.</source>
        <translation>Na półce nie czeka żadne zamówienie.</translation>
    </message>
    <message>
        <source>No hold ends within two days, and none is overdue.</source>
        <translation>W ciągu dwóch dni nie mija żaden termin odbioru i nic nie jest po terminie.</translation>
    </message>
    <message>
        <source>Nothing has been collected today yet.</source>
        <translation>Dziś jeszcze nic nie odebrano.</translation>
    </message>
</context>
<context>
    <name>PickupQueueModel</name>
    <message>
        <source>Order</source>
        <translation>Zamówienie</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Szt.</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Czeka</translation>
    </message>
    <message>
        <source>Hold and shelf</source>
        <translation>Termin i półka</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Uwagi</translation>
    </message>
    <message>
        <source>(no customer account)</source>
        <translation>(brak konta klienta)</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <source>Order {number} is not ready yet: it is being picked.</source>
        <translation>Zamówienie {number} nie jest jeszcze gotowe: trwa kompletacja.</translation>
    </message>
    <message>
        <source>Order {number} is not ready yet: it has not been picked.</source>
        <translation>Zamówienie {number} nie jest jeszcze gotowe: nie zostało skompletowane.</translation>
    </message>
    <message>
        <source>Pick it now, then hand it over.</source>
        <translation>Skompletuj je teraz, a potem wydaj.</translation>
    </message>
    <message>
        <source>Order {number} was {collected} — there is nothing more to hand over.</source>
        <translation>Zamówienie {number} zostało {collected} — nie ma już nic do wydania.</translation>
    </message>
    <message>
        <source>Order {number} was cancelled, so there is nothing to hand over — check the customer&apos;s orders with them.</source>
        <translation>Zamówienie {number} zostało anulowane, więc nie ma czego wydać — sprawdź z klientem jego zamówienia.</translation>
    </message>
    <message>
        <source>The hold of order {number} expired; it went back to stock and was refunded.</source>
        <translation>Minął termin odbioru zamówienia {number}; towar wrócił na stan, a środki zwrócono.</translation>
    </message>
    <message>
        <source>Order {number} is {status}, not a pickup here.</source>
        <translation>Zamówienie {number} ma status „{status}” i nie jest do odbioru w tym sklepie.</translation>
    </message>
    <message>
        <source>Nothing of order {number} could be handed over: it is cancelled and refunded in full; central tells the customer.</source>
        <translation>Z zamówienia {number} nie można nic wydać: zostało anulowane, a środki zwrócone w całości; centrala powiadomi klienta.</translation>
    </message>
    <message>
        <source>Order {number} is ready on shelf {shelf}; central tells the customer it can be collected.</source>
        <translation>Zamówienie {number} czeka na półce {shelf}; centrala powiadomi klienta, że można je odebrać.</translation>
    </message>
    <message>
        <source>{n} short units are refunded; central tells the customer.</source>
        <translation>Za brakujące sztuki ({n} szt.) klient otrzyma zwrot środków; centrala go powiadomi.</translation>
    </message>
    <message>
        <source>This customer</source>
        <translation>Ten klient</translation>
    </message>
    <message>
        <source>{name} has no order on the shelf yet; {n} are still being prepared.</source>
        <translation>{name} nie ma jeszcze zamówienia na półce; w przygotowaniu: {n}.</translation>
    </message>
    <message>
        <source>{name} has no order waiting for pickup here.</source>
        <translation>{name} nie ma tu żadnego zamówienia do odbioru.</translation>
    </message>
    <message>
        <source>Card {card} is not on this tablet, so its orders are not either — scan the pickup code, or type the order number and phone digits.</source>
        <translation>Karty {card} nie ma na tym tablecie, więc nie ma też jej zamówień — zeskanuj kod odbioru lub wpisz numer zamówienia i cyfry telefonu.</translation>
    </message>
    <message>
        <source>The hold of order {number} is expired: its items are back in stock, the refund is queued, and central tells the customer.</source>
        <translation>Zamówienie {number} oznaczono jako wygasłe: towar wrócił na stan, zwrot środków czeka w kolejce, a centrala powiadomi klienta.</translation>
    </message>
    <message>
        <source>Order {number} was made ready meanwhile, on shelf {shelf}.</source>
        <translation>W międzyczasie zamówienie {number} przygotowano i odłożono na półkę {shelf}.</translation>
    </message>
    <message>
        <source>Central refused this tablet&apos;s last action on the order: {why}</source>
        <translation>Centrala odrzuciła ostatnie działanie tego tabletu dotyczące zamówienia: {why}</translation>
    </message>
    <message>
        <source>Order {number} was handed over.</source>
        <translation>Zamówienie {number} zostało wydane.</translation>
    </message>
</context>
<context>
    <name>PickupSummary</name>
    <message>
        <source>pickup code</source>
        <translation>kod odbioru</translation>
    </message>
    <message>
        <source>loyalty code</source>
        <translation>kod lojalnościowy</translation>
    </message>
    <message>
        <source>order number and phone</source>
        <translation>numer zamówienia i telefon</translation>
    </message>
    <message>
        <source>already collected</source>
        <translation>już odebrane</translation>
    </message>
    <message>
        <source>at {time}</source>
        <translation>o {time}</translation>
    </message>
    <message>
        <source>on {date} at {time}</source>
        <translation>{date} o {time}</translation>
    </message>
    <message>
        <source>collected {when}</source>
        <translation>odebrane {when}</translation>
    </message>
    <message>
        <source>by {name}</source>
        <translation>(odbiorca: {name})</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Clear</source>
        <translation>Wyczyść</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Usuń ostatnią cyfrę</translation>
    </message>
</context>
<context>
    <name>PreparePanel</name>
    <message>
        <source>Pick list</source>
        <translation>Lista kompletacyjna</translation>
    </message>
    <message>
        <source>Scan each item&apos;s barcode. Label unreadable? Type the EAN.</source>
        <translation>Zeskanuj kod kreskowy każdej sztuki. Etykieta nieczytelna? Wpisz EAN.</translation>
    </message>
    <message>
        <source>EAN of the item picked</source>
        <translation>EAN skompletowanego towaru</translation>
    </message>
    <message>
        <source>EAN-13</source>
        <translation>EAN-13</translation>
    </message>
    <message>
        <source>Tick off</source>
        <translation>Zaznacz</translation>
    </message>
    <message>
        <source>Tick off the typed EAN</source>
        <translation>Zaznacz wpisany EAN na liście</translation>
    </message>
    <message>
        <source>Shelf or bin</source>
        <translation>Półka lub pojemnik</translation>
    </message>
    <message>
        <source>Shelf or bin of the order</source>
        <translation>Półka lub pojemnik zamówienia</translation>
    </message>
    <message>
        <source>e.g. A-03</source>
        <translation>np. A-03</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>Oznacz jako gotowe</translation>
    </message>
    <message>
        <source>Mark the order ready for pickup</source>
        <translation>Oznacz zamówienie jako gotowe do odbioru</translation>
    </message>
    <message>
        <source>{picked} of {units} units picked</source>
        <translation>Skompletowano {picked} z {units} szt.</translation>
    </message>
    <message>
        <source>{n} short</source>
        <translation>braki: {n}</translation>
    </message>
    <message>
        <source>Refund and cancel the order</source>
        <translation>Anuluj i zwróć środki</translation>
    </message>
    <message>
        <source>1 more to scan, or mark it short.</source>
        <translation>Jeszcze 1 do zeskanowania albo oznacz brak.</translation>
    </message>
    <message>
        <source>{n} more to scan, or mark them short.</source>
        <translation>Jeszcze {n} do zeskanowania albo oznacz braki.</translation>
    </message>
    <message>
        <source>Nothing can be handed over: the order is cancelled and refunded in full; central tells the customer.</source>
        <translation>Nie można nic wydać: zamówienie zostanie anulowane, a środki zwrócone w całości; centrala powiadomi klienta.</translation>
    </message>
    <message>
        <source>Everything is picked. Write the shelf or bin, then mark it ready.</source>
        <translation>Wszystko skompletowane. Wpisz półkę lub pojemnik, a potem oznacz jako gotowe.</translation>
    </message>
    <message>
        <source>Ready to shelve: central tells the customer it can be collected.</source>
        <translation>Można odłożyć na półkę: centrala powiadomi klienta, że zamówienie czeka na odbiór.</translation>
    </message>
    <message>
        <source>Not in this order: {name} — put it back.</source>
        <translation>Tego nie ma w zamówieniu: {name} — odłóż na miejsce.</translation>
    </message>
    <message>
        <source>All {n} × {name} are already picked.</source>
        <translation>Wszystkie sztuki ({n} × {name}) są już skompletowane.</translation>
    </message>
    <message>
        <source>Picked: {name} ({done} of {all})</source>
        <translation>Skompletowano: {name} ({done} z {all})</translation>
    </message>
    <message>
        <source>That is not a product&apos;s barcode — type the EAN-13.</source>
        <translation>To nie jest kod kreskowy produktu — wpisz EAN-13.</translation>
    </message>
    <message>
        <source>Scan every item, or mark it short, first.</source>
        <translation>Najpierw zeskanuj każdą sztukę lub oznacz brak.</translation>
    </message>
    <message>
        <source>Write the shelf or bin where the order waits.</source>
        <translation>Wpisz półkę lub pojemnik z zamówieniem.</translation>
    </message>
</context>
<context>
    <name>ProductCheckDialog</name>
    <message>
        <source>Price and stock</source>
        <translation>Cena i stan</translation>
    </message>
    <message>
        <source>{brand} · size {size} · {colour}</source>
        <translation>{brand} · rozmiar {size} · {colour}</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <source>EAN {ean} · SKU {sku}</source>
        <translation>EAN {ean} · SKU {sku}</translation>
    </message>
    <message>
        <source>On hand here</source>
        <translation>Na stanie w sklepie</translation>
    </message>
    <message>
        <source>Held for pickups and reservations</source>
        <translation>Zarezerwowane (odbiory i rezerwacje)</translation>
    </message>
    <message>
        <source>Available here</source>
        <translation>Dostępne w sklepie</translation>
    </message>
    <message>
        <source>This tablet has no stock figures for this product yet — sync the tablet, or check the stockroom.</source>
        <translation>Ten tablet nie ma jeszcze stanów tego produktu — zsynchronizuj tablet lub sprawdź na zapleczu.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Close the price and stock check</source>
        <translation>Zamknij sprawdzanie ceny i stanu</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Show the orders: {state}</source>
        <translation>Pokaż zamówienia: {state}</translation>
    </message>
    <message>
        <source>Search the pickup queue</source>
        <translation>Szukaj w kolejce odbiorów</translation>
    </message>
    <message>
        <source>Number, name or phone</source>
        <translation>Numer, nazwisko lub telefon</translation>
    </message>
    <message>
        <source>Pickup orders</source>
        <translation>Zamówienia do odbioru</translation>
    </message>
    <message>
        <source>Expire hold…</source>
        <translation>Oznacz jako wygasłe…</translation>
    </message>
    <message>
        <source>Expire the order&apos;s hold</source>
        <translation>Oznacz zamówienie jako wygasłe</translation>
    </message>
    <message>
        <source>Open order</source>
        <translation>Otwórz zamówienie</translation>
    </message>
    <message>
        <source>Open the selected order</source>
        <translation>Otwórz wybrane zamówienie</translation>
    </message>
    <message>
        <source>Customer at the desk</source>
        <translation>Klient w punkcie odbioru</translation>
    </message>
    <message>
        <source>Scan the pickup code from their notification, or their loyalty code. No code? Type the order number and the last three digits of their phone.</source>
        <translation>Zeskanuj kod odbioru z powiadomienia lub kod lojalnościowy klienta. Brak kodu? Wpisz numer zamówienia i trzy ostatnie cyfry telefonu klienta.</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Numer zamówienia</translation>
    </message>
    <message>
        <source>Last three digits of the customer&apos;s phone</source>
        <translation>Ostatnie trzy cyfry telefonu klienta</translation>
    </message>
    <message>
        <source>Last 3 phone digits</source>
        <translation>Ostatnie 3 cyfry telefonu</translation>
    </message>
    <message>
        <source>Find the order</source>
        <translation>Znajdź zamówienie</translation>
    </message>
    <message>
        <source>Find the order by its number and phone digits</source>
        <translation>Znajdź zamówienie po numerze i cyfrach telefonu</translation>
    </message>
    <message>
        <source>No order matches “{query}”.</source>
        <translation>Brak zamówień pasujących do „{query}”.</translation>
    </message>
    <message>
        <source>Tap an order to select it; tap twice to open it.</source>
        <translation>Dotknij zamówienia, aby je wybrać; dotknij dwukrotnie, aby je otworzyć.</translation>
    </message>
    <message>
        <source>{number}: the hold has not ended yet ({hold}); it can be expired after.</source>
        <translation>{number}: termin odbioru jeszcze nie minął ({hold}); potem można oznaczyć zamówienie jako wygasłe.</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Receipt</source>
        <translation>Paragon</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Zamówienie {number}</translation>
    </message>
    <message>
        <source>Sale {id}</source>
        <translation>Sprzedaż {id}</translation>
    </message>
    <message>
        <source>Date {when}</source>
        <translation>Data {when}</translation>
    </message>
    <message>
        <source>Served by {name}</source>
        <translation>Obsługa: {name}</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabat</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Razem</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Reszta</translation>
    </message>
    <message>
        <source>VAT summary</source>
        <translation>Podsumowanie VAT</translation>
    </message>
    <message>
        <source>VAT {rate}</source>
        <translation>VAT {rate}</translation>
    </message>
    <message>
        <source>gross</source>
        <translation>brutto</translation>
    </message>
    <message>
        <source>net</source>
        <translation>netto</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>VAT</translation>
    </message>
    <message>
        <source>Loyalty points</source>
        <translation>Punkty lojalnościowe</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Karta lojalnościowa</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>Zdobyte</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Wykorzystane</translation>
    </message>
    <message>
        <source>Taken back after the return</source>
        <translation>Odebrane po zwrocie</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Keep this receipt for returns.</source>
        <translation>Zachowaj paragon – będzie potrzebny przy zwrocie.</translation>
    </message>
    <message>
        <source>Spend it at any of our stores: show this code at the checkout and the clerk takes the amount off the sale. What you do not spend stays on the code.</source>
        <translation>Można go wykorzystać w każdym naszym sklepie: pokaż ten kod przy kasie, a kwota zostanie odjęta od zakupów. Niewykorzystana reszta pozostaje na kodzie.</translation>
    </message>
    <message>
        <source>Receipt {number}</source>
        <translation>Paragon {number}</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <source>Paid online</source>
        <translation>Zapłacono online</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Bon sklepowy</translation>
    </message>
    <message>
        <source>Gift card</source>
        <translation>Karta podarunkowa</translation>
    </message>
    <message>
        <source>Sale saved offline: it is sent when the tablet is back online.</source>
        <translation>Sprzedaż zapisana offline: zostanie wysłana, gdy tablet wróci do sieci.</translation>
    </message>
    <message>
        <source>The order number will follow; the code below finds this sale.</source>
        <translation>Numer zamówienia zostanie nadany później; kod poniżej identyfikuje tę sprzedaż.</translation>
    </message>
    <message>
        <source>Exchange: pays for the replacement</source>
        <translation>Wymiana: opłata za towar na wymianę</translation>
    </message>
    <message>
        <source>Refund: {tender}</source>
        <translation>Zwrot: {tender}</translation>
    </message>
    <message>
        <source>({points} points)</source>
        <translation>({points} pkt)</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>w toku</translation>
    </message>
    <message>
        <source>Return receipt</source>
        <translation>Potwierdzenie zwrotu</translation>
    </message>
    <message>
        <source>Return {ref} of order {number}</source>
        <translation>Zwrot {ref} do zamówienia {number}</translation>
    </message>
    <message>
        <source>Replacement (sale {number}): {goods}, {total}</source>
        <translation>Towar na wymianę (sprzedaż {number}): {goods}, {total}</translation>
    </message>
    <message>
        <source>Difference paid by the customer: {amount} ({tenders})</source>
        <translation>Dopłata klienta: {amount} ({tenders})</translation>
    </message>
    <message>
        <source>The replacement costs less: {amount} is refunded to the original payment.</source>
        <translation>Towar na wymianę jest tańszy: {amount} zwrócono na pierwotną formę płatności.</translation>
    </message>
    <message>
        <source>Central refused this return: it is void, and nothing was refunded.</source>
        <translation>Centrala odrzuciła ten zwrot: jest nieważny i nic nie zostało zwrócone.</translation>
    </message>
    <message>
        <source>The refund of {amount} to the card or online payment is pending: the return was saved offline and is sent to central when the tablet is back online; central then pays it out and tells the customer.</source>
        <translation>Zwrot {amount} na kartę lub płatność online jest w toku: zwrot zapisano bez połączenia i zostanie wysłany do centrali, gdy tablet wróci do sieci; centrala wypłaci go i powiadomi klienta.</translation>
    </message>
    <message>
        <source>The refund of {amount} to the card or online payment is pending until central pays it out; the customer is told when it is issued.</source>
        <translation>Zwrot {amount} na kartę lub płatność online jest w toku, dopóki centrala go nie wypłaci; klient dostanie powiadomienie po wypłacie.</translation>
    </message>
    <message>
        <source>Return saved offline: it is sent when the tablet is back online.</source>
        <translation>Zwrot zapisany bez połączenia: zostanie wysłany, gdy tablet wróci do sieci.</translation>
    </message>
    <message>
        <source>Accepted outside the policy by a manager: {reason}</source>
        <translation>Przyjęty poza zasadami za zgodą kierownika: {reason}</translation>
    </message>
</context>
<context>
    <name>ReceiptCard</name>
    <message>
        <source>Receipt</source>
        <translation>Paragon</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A4 paper</source>
        <translation>Papier A4</translation>
    </message>
    <message>
        <source>80 mm roll</source>
        <translation>Rolka 80 mm</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>Rolka paragonowa 80 mm</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>Drukuj paragon</translation>
    </message>
    <message>
        <source>Print the receipt</source>
        <translation>Wydrukuj paragon</translation>
    </message>
    <message>
        <source>Save receipt as PDF…</source>
        <translation>Zapisz paragon jako PDF…</translation>
    </message>
    <message>
        <source>Save the receipt as a PDF file</source>
        <translation>Zapisz paragon jako plik PDF</translation>
    </message>
    <message>
        <source>This tablet holds no receipt key, so it cannot sign a receipt; enroll it again to print receipts.</source>
        <translation>Ten tablet nie ma klucza do podpisywania paragonów; aby je drukować, zarejestruj go ponownie.</translation>
    </message>
    <message>
        <source>The receipt went to the printer.</source>
        <translation>Paragon wysłano do drukarki.</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>Zapisz paragon jako PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumenty PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The receipt is saved as {path}.</source>
        <translation>Paragon zapisano jako {path}.</translation>
    </message>
    <message>
        <source>The receipt could not be made: {reason}</source>
        <translation>Nie udało się przygotować paragonu: {reason}</translation>
    </message>
</context>
<context>
    <name>RefundPanel</name>
    <message>
        <source>Refund</source>
        <translation>Zwrot pieniędzy</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <source>The customer pays the rest by card</source>
        <translation>Klient dopłaca resztę kartą</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <source>The customer pays the rest in cash</source>
        <translation>Klient dopłaca resztę gotówką</translation>
    </message>
    <message>
        <source>Confirm return</source>
        <translation>Zatwierdź zwrot</translation>
    </message>
    <message>
        <source>Confirm the return and the refund (Ctrl+Enter)</source>
        <translation>Zatwierdź zwrot i wypłatę (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>{qty} × {name} for</source>
        <translation>{qty} × {name} na</translation>
    </message>
    <message>
        <source>Replacement of {name}</source>
        <translation>Zamiennik dla {name}</translation>
    </message>
    <message>
        <source>No replacement</source>
        <translation>Bez zamiennika</translation>
    </message>
    <message>
        <source>{size} · {colour} · {price} · {n} here</source>
        <translation>{size} · {colour} · {price} · tutaj {n}</translation>
    </message>
    <message>
        <source>The replacement costs {amount} more: the customer pays it.</source>
        <translation>Zamiennik kosztuje o {amount} więcej: klient dopłaca różnicę.</translation>
    </message>
    <message>
        <source>The replacement costs {amount} less: it goes back to the original payment.</source>
        <translation>Towar na wymianę kosztuje o {amount} mniej: ta kwota wraca na pierwotną formę płatności.</translation>
    </message>
    <message>
        <source>Same price: nothing to pay, nothing to refund.</source>
        <translation>Ta sama cena: nic do dopłaty ani do zwrotu.</translation>
    </message>
    <message>
        <source>Value returned</source>
        <translation>Wartość zwrotu</translation>
    </message>
    <message>
        <source>Points earned on these items, taken back</source>
        <translation>Odebrane punkty zdobyte na tych pozycjach</translation>
    </message>
</context>
<context>
    <name>ReleaseDoneView</name>
    <message>
        <source>Handed over</source>
        <translation>Wydano</translation>
    </message>
    <message>
        <source>The customer took</source>
        <translation>Klient odebrał</translation>
    </message>
    <message>
        <source>Refused — returned on the spot</source>
        <translation>Odrzucone — zwrot na miejscu</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>Następny klient</translation>
    </message>
    <message>
        <source>Back to the pickup queue</source>
        <translation>Wróć do kolejki odbiorów</translation>
    </message>
    <message>
        <source>Hand the tablet to the customer</source>
        <translation>Podaj tablet klientowi</translation>
    </message>
    <message>
        <source>Hand the tablet to the customer for their score</source>
        <translation>Podaj tablet klientowi, aby ocenił obsługę</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Order {number} · collected by {name}</source>
        <translation>Zamówienie {number} · odbiorca: {name}</translation>
    </message>
    <message>
        <source>{n} × {name}</source>
        <translation>{n} × {name}</translation>
    </message>
    <message>
        <source>Nothing — every item was refused.</source>
        <translation>Nic — wszystkie sztuki zostały odrzucone.</translation>
    </message>
    <message>
        <source>{n} × {name}: {reason}, {condition}</source>
        <translation>{n} × {name}: {reason}, {condition}</translation>
    </message>
    <message>
        <source>Refunded under the return policy; central tells the customer.</source>
        <translation>Zwrot środków zgodnie z zasadami zwrotów; centrala powiadomi klienta.</translation>
    </message>
    <message>
        <source>Sent to central.</source>
        <translation>Wysłano do centrali.</translation>
    </message>
    <message>
        <source>Refused by central</source>
        <translation>Odrzucone przez centralę</translation>
    </message>
    <message>
        <source>Central refused this release: “{reason}” The Attention screen has it; hand nothing more over for this order.</source>
        <translation>Centrala odrzuciła to wydanie: „{reason}” Szczegóły są na ekranie „Uwaga”; nie wydawaj już nic z tego zamówienia.</translation>
    </message>
    <message>
        <source>This release was given up on the Attention screen.</source>
        <translation>To wydanie wycofano na ekranie „Uwaga”.</translation>
    </message>
    <message>
        <source>Queued on this tablet — it will be sent to central when the tablet is online. The order cannot be released again meanwhile.</source>
        <translation>W kolejce na tym tablecie — zostanie wysłane do centrali, gdy tablet będzie online. Do tego czasu nie można ponownie wydać zamówienia.</translation>
    </message>
    <message>
        <source>pickup-{number}.pdf</source>
        <translation>odbior-{number}.pdf</translation>
    </message>
</context>
<context>
    <name>ReleaseForm</name>
    <message>
        <source>18+ items: check the ID of the person collecting before handing them over.</source>
        <translation>Towary 18+: przed wydaniem sprawdź dokument tożsamości osoby odbierającej.</translation>
    </message>
    <message>
        <source>ID checked: 18 or older</source>
        <translation>Dokument sprawdzony: ukończone 18 lat</translation>
    </message>
    <message>
        <source>I checked the ID of the person collecting</source>
        <translation>Dokument osoby odbierającej został sprawdzony</translation>
    </message>
    <message>
        <source>Leave this order? What you entered here is lost.</source>
        <translation>Opuścić to zamówienie? Wprowadzone dane zostaną utracone.</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Zostań</translation>
    </message>
    <message>
        <source>Stay with this order</source>
        <translation>Zostań przy tym zamówieniu</translation>
    </message>
    <message>
        <source>Leave the order</source>
        <translation>Opuść zamówienie</translation>
    </message>
    <message>
        <source>Leave the order without releasing it</source>
        <translation>Opuść zamówienie bez wydawania</translation>
    </message>
    <message>
        <source>Back to the queue</source>
        <translation>Wróć do kolejki</translation>
    </message>
    <message>
        <source>Back to the pickup queue</source>
        <translation>Wróć do kolejki odbiorów</translation>
    </message>
    <message>
        <source>Release all</source>
        <translation>Wydaj wszystko</translation>
    </message>
    <message>
        <source>Release the order</source>
        <translation>Wydaj zamówienie</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Central refused this tablet&apos;s action on this order: “{reason}” Hand nothing over; the Attention screen says what to do.</source>
        <translation>Centrala odrzuciła działanie tego tabletu dotyczące zamówienia: „{reason}” Niczego nie wydawaj; wskazówki są na ekranie „Uwaga”.</translation>
    </message>
    <message>
        <source>Items to hand over</source>
        <translation>Towary do wydania</translation>
    </message>
    <message>
        <source>Items of the order</source>
        <translation>Pozycje zamówienia</translation>
    </message>
    <message>
        <source>Verify the customer first: phone digits or their pickup code.</source>
        <translation>Najpierw zweryfikuj klienta: cyfry telefonu lub kod odbioru.</translation>
    </message>
    <message>
        <source>Check the ID for the 18+ items and tick the box.</source>
        <translation>Sprawdź dokument przy towarach 18+ i zaznacz pole.</translation>
    </message>
    <message>
        <source>Nothing of this order waits on the shelf.</source>
        <translation>Na półce nie czeka nic z tego zamówienia.</translation>
    </message>
    <message>
        <source>Refuse all {m}</source>
        <translation>Odrzuć wszystko ({m} szt.)</translation>
    </message>
    <message>
        <source>Hand over {n}, refuse {m}</source>
        <translation>Wydaj {n}, odrzuć {m}</translation>
    </message>
</context>
<context>
    <name>ReleaseLineRow</name>
    <message>
        <source>18+</source>
        <translation>18+</translation>
    </message>
    <message>
        <source>Age restricted: check the ID</source>
        <translation>Ograniczenie wiekowe: sprawdź dokument</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Wydaj</translation>
    </message>
    <message>
        <source>Hand over one less of {name}</source>
        <translation>Wydaj o jedną sztukę mniej: {name}</translation>
    </message>
    <message>
        <source>Hand over one more of {name}</source>
        <translation>Wydaj o jedną sztukę więcej: {name}</translation>
    </message>
    <message>
        <source>Units of {name} handed over</source>
        <translation>Wydawane sztuki: {name}</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Odrzuć</translation>
    </message>
    <message>
        <source>The customer refuses {name}</source>
        <translation>Klient odrzuca: {name}</translation>
    </message>
    <message>
        <source>Why {name} is refused</source>
        <translation>Powód odrzucenia: {name}</translation>
    </message>
    <message>
        <source>Back to stock</source>
        <translation>Wraca na stan</translation>
    </message>
    <message>
        <source>The refused {name} goes back to stock</source>
        <translation>Odrzucony towar wraca na stan: {name}</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Uszkodzony</translation>
    </message>
    <message>
        <source>The refused {name} is damaged and written off</source>
        <translation>Odrzucony towar jest uszkodzony i zostanie spisany ze stanu: {name}</translation>
    </message>
    <message>
        <source>{n} waiting on the shelf</source>
        <translation>Na półce: {n} szt.</translation>
    </message>
    <message>
        <source>Already collected: {n}</source>
        <translation>Już odebrano: {n}</translation>
    </message>
    <message>
        <source>Nothing left to hand over</source>
        <translation>Nie ma już nic do wydania</translation>
    </message>
    <message>
        <source>{n} not found when picked, refunded</source>
        <translation>brak przy kompletacji: {n} szt. (zwrot środków)</translation>
    </message>
    <message>
        <source>{n} returned</source>
        <translation>zwrócono: {n}</translation>
    </message>
    <message>
        <source>Hand over all</source>
        <translation>Wydaj wszystko</translation>
    </message>
    <message>
        <source>Hand over all of {name}</source>
        <translation>Wydaj wszystko: {name}</translation>
    </message>
    <message>
        <source>{n} refused:</source>
        <translation>Odrzucono {n} szt.:</translation>
    </message>
    <message>
        <source>Becomes a return now, {condition}; {amount} is refunded to the original payment under the return policy.</source>
        <translation>Od razu staje się zwrotem ({condition}); kwota {amount} zostanie zwrócona na pierwotną formę płatności zgodnie z zasadami zwrotów.</translation>
    </message>
</context>
<context>
    <name>ReleasePanel</name>
    <message>
        <source>Sign in first — nothing was released.</source>
        <translation>Najpierw się zaloguj — nic nie zostało wydane.</translation>
    </message>
    <message>
        <source>Recording the release…</source>
        <translation>Zapisywanie wydania…</translation>
    </message>
    <message>
        <source>Verified by the pickup QR code</source>
        <translation>Zweryfikowano kodem QR odbioru</translation>
    </message>
    <message>
        <source>Verified by the customer&apos;s loyalty code</source>
        <translation>Zweryfikowano kodem lojalnościowym klienta</translation>
    </message>
    <message>
        <source>Verified by the order number and phone digits</source>
        <translation>Zweryfikowano numerem zamówienia i cyframi telefonu</translation>
    </message>
    <message>
        <source>Not verified yet</source>
        <translation>Jeszcze nie zweryfikowano</translation>
    </message>
    <message>
        <source>Refused, no reason given</source>
        <translation>Odrzucone bez podania powodu</translation>
    </message>
    <message>
        <source>Too small</source>
        <translation>Za mały rozmiar</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>Za duży rozmiar</translation>
    </message>
    <message>
        <source>Not as described</source>
        <translation>Niezgodny z opisem</translation>
    </message>
    <message>
        <source>Arrived damaged</source>
        <translation>Uszkodzony w dostawie</translation>
    </message>
    <message>
        <source>Changed their mind</source>
        <translation>Klient zmienił zdanie</translation>
    </message>
    <message>
        <source>Not found on the shelf</source>
        <translation>Nie znaleziono na półce</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Inny powód</translation>
    </message>
    <message>
        <source>damaged, written off</source>
        <translation>uszkodzony, spisany ze stanu</translation>
    </message>
    <message>
        <source>back to stock</source>
        <translation>wraca na stan</translation>
    </message>
    <message>
        <source>size {size}</source>
        <translation>rozmiar {size}</translation>
    </message>
    <message>
        <source>EAN {ean}</source>
        <translation>EAN {ean}</translation>
    </message>
    <message>
        <source>Refund: {tender}</source>
        <translation>Zwrot: {tender}</translation>
    </message>
    <message>
        <source>Pickup saved offline: it is sent when the tablet is back online.</source>
        <translation>Odbiór zapisany offline: zostanie wysłany, gdy tablet wróci do sieci.</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points}&#xa0;pkt</translation>
    </message>
    <message>
        <source>Refund to the card</source>
        <translation>Zwrot na kartę</translation>
    </message>
    <message>
        <source>Refund to the online payment</source>
        <translation>Zwrot na płatność online</translation>
    </message>
    <message>
        <source>Refund in cash</source>
        <translation>Zwrot gotówką</translation>
    </message>
    <message>
        <source>Refund as store credit</source>
        <translation>Zwrot na bon sklepowy</translation>
    </message>
    <message>
        <source>Refund to the gift card</source>
        <translation>Zwrot na kartę podarunkową</translation>
    </message>
    <message>
        <source>Points given back</source>
        <translation>Zwrócone punkty</translation>
    </message>
    <message>
        <source>{refund} (central pays it out)</source>
        <translation>{refund} (wypłaci centrala)</translation>
    </message>
    <message>
        <source>This order has already been collected — hand nothing over.</source>
        <translation>To zamówienie zostało już odebrane — niczego nie wydawaj.</translation>
    </message>
    <message>
        <source>This order was cancelled — hand nothing over.</source>
        <translation>To zamówienie zostało anulowane — niczego nie wydawaj.</translation>
    </message>
    <message>
        <source>The hold of this order ended and its items went back to stock.</source>
        <translation>Minął termin odbioru tego zamówienia, a towar wrócił na stan.</translation>
    </message>
    <message>
        <source>This order has not been picked and shelved yet.</source>
        <translation>To zamówienie nie zostało jeszcze skompletowane i odłożone na półkę.</translation>
    </message>
    <message>
        <source>This order holds 18+ items: check the ID and confirm it first.</source>
        <translation>To zamówienie zawiera towary 18+: najpierw sprawdź dokument i to potwierdź.</translation>
    </message>
    <message>
        <source>Write down the name of the person collecting.</source>
        <translation>Wpisz imię i nazwisko osoby odbierającej.</translation>
    </message>
    <message>
        <source>Note the last four letters or digits of their ID document.</source>
        <translation>Wpisz ostatnie cztery litery lub cyfry z dokumentu tożsamości.</translation>
    </message>
    <message>
        <source>Collected on {when} by {name} — hand nothing over.</source>
        <translation>Odebrane {when} (odbiorca: {name}) — niczego nie wydawaj.</translation>
    </message>
    <message>
        <source>The release was recorded on this tablet and waits to be sent to central.</source>
        <translation>Wydanie zapisano na tym tablecie; czeka na wysłanie do centrali.</translation>
    </message>
    <message>
        <source>This order cannot be handed over.</source>
        <translation>Tego zamówienia nie można wydać.</translation>
    </message>
</context>
<context>
    <name>Reservations</name>
    <message>
        <source>Reservation</source>
        <translation>Rezerwacja</translation>
    </message>
    <message>
        <source>Pickup order</source>
        <translation>Zamówienie do odbioru</translation>
    </message>
    <message>
        <source>over {time} ago</source>
        <translation>minął {time} temu</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Odbiór</translation>
    </message>
</context>
<context>
    <name>ReservationsScreen</name>
    <message>
        <source>Reservations and holds</source>
        <translation>Rezerwacje i odłożone towary</translation>
    </message>
    <message>
        <source>All holds</source>
        <translation>Wszystkie</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Rezerwacje</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>Odbiory</translation>
    </message>
    <message>
        <source>Any end</source>
        <translation>Dowolny termin</translation>
    </message>
    <message>
        <source>Within a day</source>
        <translation>W ciągu doby</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>Po terminie</translation>
    </message>
    <message>
        <source>Search holds</source>
        <translation>Szukaj rezerwacji</translation>
    </message>
    <message>
        <source>Name, number, product, phone</source>
        <translation>Nazwisko, numer, produkt, telefon</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Rezerwacje</translation>
    </message>
    <message>
        <source>Stock here of the held products</source>
        <translation>Stan w sklepie odłożonych produktów</translation>
    </message>
    <message>
        <source>Stock of the held products</source>
        <translation>Stan odłożonych produktów</translation>
    </message>
    <message>
        <source>Any end ({n})</source>
        <translation>Dowolny termin ({n})</translation>
    </message>
    <message>
        <source>Within a day ({n})</source>
        <translation>W ciągu doby ({n})</translation>
    </message>
    <message>
        <source>Over ({n})</source>
        <translation>Po terminie ({n})</translation>
    </message>
    <message>
        <source>Reservations: {r} · pickup orders on the shelf: {p} · read at {time}</source>
        <translation>Rezerwacje: {r} · zamówienia na półce: {p} · stan z {time}</translation>
    </message>
    <message>
        <source>No hold matches the filters.</source>
        <translation>Żadna rezerwacja nie pasuje do filtrów.</translation>
    </message>
    <message>
        <source>Nothing is held.</source>
        <translation>Nic nie jest odłożone.</translation>
    </message>
    <message>
        <source>Reservation {reference} is sold; the sale is queued for central.</source>
        <translation>Rezerwacja {reference} sprzedana; sprzedaż czeka na wysłanie do centrali.</translation>
    </message>
    <message>
        <source>Reservation {reference} is held longer.</source>
        <translation>Rezerwacja {reference} przedłużona.</translation>
    </message>
    <message>
        <source>Reservation {reference} is cancelled; the items are available again and the customer will be told.</source>
        <translation>Rezerwacja {reference} anulowana; towary są znów dostępne, a klient zostanie powiadomiony.</translation>
    </message>
    <message>
        <source>The hold of order {reference} is expired: its items are back in stock, the refund is queued, and central tells the customer.</source>
        <translation>Przechowywanie zamówienia {reference} zakończone: towary wróciły na stan, zwrot pieniędzy czeka na wysłanie, a centrala powiadomi klienta.</translation>
    </message>
</context>
<context>
    <name>ReturnDonePage</name>
    <message>
        <source>Return complete</source>
        <translation>Zwrot przyjęty</translation>
    </message>
    <message>
        <source>Next return</source>
        <translation>Następny zwrot</translation>
    </message>
    <message>
        <source>Start the next return</source>
        <translation>Rozpocznij następny zwrot</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Return {ref} of order {number}</source>
        <translation>Zwrot {ref} do zamówienia {number}</translation>
    </message>
    <message>
        <source>return-{ref}.pdf</source>
        <translation>zwrot-{ref}.pdf</translation>
    </message>
    <message>
        <source>{n} × {name}: {reason}, {condition}</source>
        <translation>{n} × {name}: {reason}, {condition}</translation>
    </message>
    <message>
        <source>Points taken back</source>
        <translation>Odebrane punkty</translation>
    </message>
    <message>
        <source>Nothing to refund.</source>
        <translation>Nic do zwrotu.</translation>
    </message>
    <message>
        <source>Central has the return.</source>
        <translation>Centrala ma ten zwrot.</translation>
    </message>
    <message>
        <source>Refused by central</source>
        <translation>Odrzucony przez centralę</translation>
    </message>
    <message>
        <source>Central refused this return: “{reason}” Nothing was refunded — take the money back if it was handed over; the Attention screen has it.</source>
        <translation>Centrala odrzuciła ten zwrot: „{reason}” Nic nie zostało zwrócone — jeśli pieniądze już wydano, odbierz je; sprawa jest na ekranie „Wymaga uwagi”.</translation>
    </message>
    <message>
        <source>Saved on this tablet and queued for central (cash and store credit are done here; card and online refunds wait for central).</source>
        <translation>Zapisany na tym tablecie i w kolejce do centrali (gotówka i bon sklepowy są rozliczone tutaj; zwroty na kartę i online czekają na centralę).</translation>
    </message>
</context>
<context>
    <name>ReturnLineRow</name>
    <message>
        <source>Returned now</source>
        <translation>Zwracane teraz</translation>
    </message>
    <message>
        <source>One less of {name}</source>
        <translation>O jedną mniej: {name}</translation>
    </message>
    <message>
        <source>One more of {name}</source>
        <translation>O jedną więcej: {name}</translation>
    </message>
    <message>
        <source>Units of {name} returned now</source>
        <translation>Liczba zwracanych sztuk: {name}</translation>
    </message>
    <message>
        <source>Why {name} comes back</source>
        <translation>Powód zwrotu: {name}</translation>
    </message>
    <message>
        <source>Choose the reason…</source>
        <translation>Wybierz powód…</translation>
    </message>
    <message>
        <source>Resellable: back to stock</source>
        <translation>Pełnowartościowy: na półkę</translation>
    </message>
    <message>
        <source>{name} goes back to stock here</source>
        <translation>{name} wraca na stan tego sklepu</translation>
    </message>
    <message>
        <source>Damaged: not sellable</source>
        <translation>Uszkodzony: nie do sprzedaży</translation>
    </message>
    <message>
        <source>{name} is damaged and not sellable</source>
        <translation>{name} jest uszkodzony i nie do sprzedaży</translation>
    </message>
    <message>
        <source>Manager override…</source>
        <translation>Zgoda kierownika…</translation>
    </message>
    <message>
        <source>Ask a manager to allow returning {name}</source>
        <translation>Poproś kierownika o zgodę na zwrot: {name}</translation>
    </message>
    <message>
        <source>Allowed by {manager}: {reason}</source>
        <translation>Zgoda: {manager}: {reason}</translation>
    </message>
    <message>
        <source>Outside the policy: a manager must allow it with their PIN.</source>
        <translation>Poza zasadami zwrotów: kierownik musi wyrazić zgodę swoim PIN-em.</translation>
    </message>
    <message>
        <source>size {size}</source>
        <translation>rozmiar {size}</translation>
    </message>
    <message>
        <source>{qty} × {price}</source>
        <translation>{qty} × {price}</translation>
    </message>
    <message>
        <source>Bought {bought} · already returned {returned} · returnable now {now}</source>
        <translation>Kupiono {bought} · już zwrócono {returned} · można zwrócić teraz {now}</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <source>Nothing left to return: all of it has come back.</source>
        <translation>Nic do zwrotu: wszystko już wróciło.</translation>
    </message>
    <message>
        <source>Never collected: refuse it at the pickup desk instead of returning it.</source>
        <translation>Nieodebrane: odrzuć je przy odbiorze zamiast przyjmować zwrot.</translation>
    </message>
    <message>
        <source>Final sale: not returnable — only with a manager&apos;s override.</source>
        <translation>Wyprzedaż ostateczna: bez prawa zwrotu — tylko za zgodą kierownika.</translation>
    </message>
    <message>
        <source>The {days}-day window passed on {date} — only with a manager&apos;s override.</source>
        <translation>Termin {days} dni minął {date} — tylko za zgodą kierownika.</translation>
    </message>
    <message>
        <source>Returnable: the window starts when the goods are received.</source>
        <translation>Można zwrócić: termin biegnie od otrzymania towaru.</translation>
    </message>
    <message>
        <source>In the return window until {date}.</source>
        <translation>W terminie zwrotu do {date}.</translation>
    </message>
    <message>
        <source>fetched from central</source>
        <translation>pobrane z centrali</translation>
    </message>
    <message>
        <source>Back to the original payment</source>
        <translation>Na pierwotną formę płatności</translation>
    </message>
    <message>
        <source>All as store credit</source>
        <translation>Całość na bon sklepowy</translation>
    </message>
    <message>
        <source>Exchange for another size or colour</source>
        <translation>Wymiana na inny rozmiar lub kolor</translation>
    </message>
    <message>
        <source>Pays for the replacement</source>
        <translation>Opłaca towar na wymianę</translation>
    </message>
    <message>
        <source>Store credit, code {code}</source>
        <translation>Bon sklepowy, kod {code}</translation>
    </message>
    <message>
        <source>Refund of {amount} to {where} is pending: the return is sent to central as soon as the tablet is online, and central pays it out.</source>
        <translation>Zwrot {amount} na {where} jest w toku: zwrot trafi do centrali, gdy tylko tablet będzie w sieci, a centrala go wypłaci.</translation>
    </message>
    <message>
        <source>Refund of {amount} to {where} is pending until central pays it out; the customer is told when it is issued.</source>
        <translation>Zwrot {amount} na {where} jest w toku, dopóki centrala go nie wypłaci; klient dostanie powiadomienie po wypłacie.</translation>
    </message>
    <message>
        <source>the online payment</source>
        <translation>płatność online</translation>
    </message>
    <message>
        <source>the card</source>
        <translation>kartę</translation>
    </message>
    <message>
        <source>This order is not on the tablet and central cannot be reached, so it cannot be returned now. Try again when the tablet is online.</source>
        <translation>Tego zamówienia nie ma na tablecie, a centrala jest nieosiągalna, więc nie można go teraz zwrócić. Spróbuj ponownie, gdy tablet będzie w sieci.</translation>
    </message>
    <message>
        <source>No order with that number in any channel — check the number on the receipt or the e-mail.</source>
        <translation>Brak zamówienia o tym numerze w żadnym kanale — sprawdź numer na paragonie lub w e-mailu.</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <source>This order changed meanwhile (items were returned elsewhere); check the lines again.</source>
        <translation>To zamówienie zmieniło się w międzyczasie (część pozycji zwrócono gdzie indziej); sprawdź pozycje ponownie.</translation>
    </message>
    <message>
        <source>Looking for the order…</source>
        <translation>Szukam zamówienia…</translation>
    </message>
    <message>
        <source>Nothing of this order can be returned now; each line says why.</source>
        <translation>Z tego zamówienia nic nie można teraz zwrócić; przy każdej pozycji widać dlaczego.</translation>
    </message>
    <message>
        <source>Fetched from central and kept on this tablet: it can be returned here.</source>
        <translation>Pobrane z centrali i zapisane na tym tablecie: można je tu zwrócić.</translation>
    </message>
    <message>
        <source>This order changed meanwhile (items were returned elsewhere or refunded); the summary is shown afresh — check it again.</source>
        <translation>W międzyczasie zamówienie się zmieniło (towar zwrócono gdzie indziej lub wypłacono zwrot); podsumowanie pokazano od nowa — sprawdź je ponownie.</translation>
    </message>
    <message>
        <source>Choose the replacement size or colour.</source>
        <translation>Wybierz zamienny rozmiar lub kolor.</translation>
    </message>
    <message>
        <source>Take back {name} outside the return policy: {verdict}</source>
        <translation>Przyjmij zwrot {name} poza zasadami zwrotów: {verdict}</translation>
    </message>
</context>
<context>
    <name>SaleDonePage</name>
    <message>
        <source>Sale complete</source>
        <translation>Sprzedaż zakończona</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>Reszta do wydania</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Razem</translation>
    </message>
    <message>
        <source>Paid by card</source>
        <translation>Zapłacono kartą</translation>
    </message>
    <message>
        <source>Paid by card (ref. {reference})</source>
        <translation>Zapłacono kartą (nr ref. {reference})</translation>
    </message>
    <message>
        <source>Paid in cash</source>
        <translation>Zapłacono gotówką</translation>
    </message>
    <message>
        <source>Points redeemed: {points}</source>
        <translation>Wykorzystane punkty: {points}</translation>
    </message>
    <message>
        <source>counted by central</source>
        <translation>nalicza centrala</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Zdobyte punkty</translation>
    </message>
    <message>
        <source>Paid without cash.</source>
        <translation>Zapłacono bezgotówkowo.</translation>
    </message>
    <message>
        <source>The customer handed over {given}.</source>
        <translation>Klient dał {given}.</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Zamówienie {number}</translation>
    </message>
    <message>
        <source>The order number follows from central.</source>
        <translation>Numer zamówienia nada centrala.</translation>
    </message>
    <message>
        <source>Sent to central.</source>
        <translation>Wysłano do centrali.</translation>
    </message>
    <message>
        <source>Central refused this sale. It waits on the Attention screen with the reason.</source>
        <translation>Centrala odrzuciła tę sprzedaż. Sprzedaż wraz z powodem czeka na ekranie „Uwaga”.</translation>
    </message>
    <message>
        <source>This sale was given up on the Attention screen.</source>
        <translation>Tę sprzedaż wycofano na ekranie „Uwaga”.</translation>
    </message>
    <message>
        <source>Queued on this tablet — it will be sent to central when the tablet is online. Nothing is lost meanwhile.</source>
        <translation>W kolejce na tym tablecie — zostanie wysłana do centrali, gdy tablet będzie online. Do tego czasu nic nie zostanie utracone.</translation>
    </message>
    <message>
        <source>receipt-{number}.pdf</source>
        <translation>paragon-{number}.pdf</translation>
    </message>
</context>
<context>
    <name>ScanEntryDialog</name>
    <message>
        <source>Type or open a code</source>
        <translation>Wpisz lub otwórz kod</translation>
    </message>
    <message>
        <source>Type the number under the barcode or the code&apos;s text, or open a picture of the code.</source>
        <translation>Wpisz numer spod kodu kreskowego lub treść kodu albo otwórz zdjęcie kodu.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <source>Code or number</source>
        <translation>Kod lub numer</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>Otwórz obraz…</translation>
    </message>
    <message>
        <source>Open a picture of a code</source>
        <translation>Otwórz zdjęcie kodu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Use code</source>
        <translation>Użyj kodu</translation>
    </message>
    <message>
        <source>Use the typed code</source>
        <translation>Użyj wpisanego kodu</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>Obrazy (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Reading the picture…</source>
        <translation>Odczytywanie obrazu…</translation>
    </message>
    <message>
        <source>This file is not a picture this app can open — choose another.</source>
        <translation>Tego pliku nie da się otworzyć jako obrazu — wybierz inny.</translation>
    </message>
    <message>
        <source>No code was found in this picture — open a sharper one, or type the code.</source>
        <translation>Na tym obrazie nie znaleziono kodu — otwórz ostrzejsze zdjęcie lub wpisz kod.</translation>
    </message>
    <message>
        <source>This picture holds {count} codes; the first is in the field. Check it, then press Use code.</source>
        <translation>Liczba kodów na obrazie: {count}; pierwszy jest w polu. Sprawdź go, a potem naciśnij „Użyj kodu”.</translation>
    </message>
</context>
<context>
    <name>ScanReasons</name>
    <message>
        <source>This code is not a product, loyalty card, pickup or receipt code — scan another one.</source>
        <translation>To nie jest kod produktu, karty lojalnościowej, odbioru ani paragonu — zeskanuj inny.</translation>
    </message>
    <message>
        <source>The barcode&apos;s check digit is wrong — scan it again or type the number.</source>
        <translation>Cyfra kontrolna kodu kreskowego jest błędna — zeskanuj go ponownie lub wpisz numer.</translation>
    </message>
    <message>
        <source>This Clerk code is damaged — ask for a fresh one.</source>
        <translation>Ten kod Clerk jest uszkodzony — poproś o nowy.</translation>
    </message>
    <message>
        <source>This Clerk code is of a kind this app does not know — update the app.</source>
        <translation>Aplikacja nie zna tego rodzaju kodu Clerk — zaktualizuj aplikację.</translation>
    </message>
    <message>
        <source>Nothing was scanned — try again.</source>
        <translation>Nic nie zeskanowano — spróbuj ponownie.</translation>
    </message>
    <message>
        <source>This code is far too long to be one of ours — scan another one.</source>
        <translation>Ten kod jest zbyt długi, by mógł być naszym kodem — zeskanuj inny.</translation>
    </message>
    <message>
        <source>This code is damaged or not a Clerk code — scan it again.</source>
        <translation>Ten kod jest uszkodzony lub nie jest kodem Clerk — zeskanuj go ponownie.</translation>
    </message>
    <message>
        <source>This code was signed by a key this tablet does not know — sync the tablet and scan again.</source>
        <translation>Ten kod podpisano kluczem, którego ten tablet nie zna — zsynchronizuj tablet i zeskanuj ponownie.</translation>
    </message>
    <message>
        <source>This code&apos;s signature does not match — it may be forged; do not accept it.</source>
        <translation>Podpis tego kodu się nie zgadza — kod może być podrobiony; nie akceptuj go.</translation>
    </message>
    <message>
        <source>This code has expired — ask the customer to refresh it in the app.</source>
        <translation>Ten kod wygasł — poproś klienta, aby odświeżył go w aplikacji.</translation>
    </message>
    <message>
        <source>This code is not valid yet — check that the tablet&apos;s clock is right.</source>
        <translation>Ten kod nie jest jeszcze ważny — sprawdź, czy zegar tabletu wskazuje właściwy czas.</translation>
    </message>
    <message>
        <source>This order is collected at {store}, not here — send the customer there.</source>
        <translation>To zamówienie ma być odebrane w sklepie {store}, nie tutaj — skieruj tam klienta.</translation>
    </message>
    <message>
        <source>This order was cancelled, so there is nothing to hand over — check the customer&apos;s orders with them.</source>
        <translation>To zamówienie zostało anulowane, więc nie ma czego wydać — sprawdź z klientem jego zamówienia.</translation>
    </message>
    <message>
        <source>This barcode is not in the catalogue on this tablet — sync the tablet, or check the label.</source>
        <translation>Tego kodu kreskowego nie ma w katalogu na tym tablecie — zsynchronizuj tablet lub sprawdź etykietę.</translation>
    </message>
    <message>
        <source>Sign in first — the scan was not used.</source>
        <translation>Najpierw się zaloguj — skan nie został użyty.</translation>
    </message>
    <message>
        <source>The scan could not be checked — try again; if it keeps failing, restart.</source>
        <translation>Nie udało się sprawdzić skanu — spróbuj ponownie; jeśli błąd się powtarza, uruchom aplikację ponownie.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Tablet settings</source>
        <translation>Ustawienia tabletu</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Jak w systemie</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Wygląd</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Jasny</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Ciemny</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Blokada po bezczynności (min)</translation>
    </message>
    <message>
        <source>Scanner: longest gap between keys (ms)</source>
        <translation>Skaner: maks. odstęp między znakami (ms)</translation>
    </message>
    <message>
        <source>Scanner: shortest code</source>
        <translation>Skaner: min. długość kodu</translation>
    </message>
    <message>
        <source>Scan with the tablet&apos;s camera</source>
        <translation>Skanuj kamerą tabletu</translation>
    </message>
    <message>
        <source>Language and appearance change the next time Clerk starts.</source>
        <translation>Zmiana języka i wyglądu zacznie działać po ponownym uruchomieniu aplikacji Clerk.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Demo cards</source>
        <translation>Karty demonstracyjne</translation>
    </message>
    <message>
        <source>This tablet was disconnected</source>
        <translation>Ten tablet został odłączony</translation>
    </message>
    <message>
        <source>Central no longer accepts this tablet (it was removed from the store). Nothing entered here is lost. Ask your manager for a new enrollment code.</source>
        <translation>Centrala nie przyjmuje już tego tabletu (usunięto go ze sklepu). Nic, co wprowadzono, nie przepadło. Poproś kierownika o nowy kod rejestracji.</translation>
    </message>
</context>
<context>
    <name>ShortDialog</name>
    <message>
        <source>Short pick</source>
        <translation>Brak towaru</translation>
    </message>
    <message>
        <source>{name}: units that cannot be handed over</source>
        <translation>{name}: sztuki, których nie można wydać</translation>
    </message>
    <message>
        <source>One unit fewer</source>
        <translation>O jedną sztukę mniej</translation>
    </message>
    <message>
        <source>One unit more</source>
        <translation>O jedną sztukę więcej</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Powód: {reason}</translation>
    </message>
    <message>
        <source>The order becomes ready without these units. The customer is refunded for them, and central tells the customer.</source>
        <translation>Zamówienie będzie gotowe bez tych sztuk. Klient otrzyma za nie zwrot środków, a centrala go o tym powiadomi.</translation>
    </message>
    <message>
        <source>None short</source>
        <translation>Bez braków</translation>
    </message>
    <message>
        <source>No unit short</source>
        <translation>Nie brakuje żadnej sztuki</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Keep the line</source>
        <translation>Zostaw pozycję bez zmian</translation>
    </message>
    <message>
        <source>Mark short</source>
        <translation>Oznacz brak</translation>
    </message>
    <message>
        <source>Mark the units short</source>
        <translation>Oznacz brakujące sztuki</translation>
    </message>
    <message>
        <source>{n} of {all}</source>
        <translation>{n} z {all}</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Sign in</source>
        <translation>Zaloguj się</translation>
    </message>
    <message>
        <source>Choose your name, then type your PIN.</source>
        <translation>Wybierz swoje imię, a potem wpisz PIN.</translation>
    </message>
    <message>
        <source>Getting the staff list from central…</source>
        <translation>Pobieranie listy pracowników z centrali…</translation>
    </message>
    <message>
        <source>Nobody chosen yet</source>
        <translation>Nikogo jeszcze nie wybrano</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Getting ready…</source>
        <translation>Przygotowywanie…</translation>
    </message>
    <message>
        <source>This tablet has no staff list yet and cannot reach central. Connect it to the network; it syncs by itself.</source>
        <translation>Ten tablet nie ma jeszcze listy pracowników i nie może połączyć się z centralą. Podłącz go do sieci — zsynchronizuje się automatycznie.</translation>
    </message>
    <message>
        <source>Demo staff and their PINs</source>
        <translation>Pracownicy demo i ich PIN-y</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Ekran zablokowany</translation>
    </message>
    <message>
        <source>{name}&apos;s work is kept. {name} unlocks with their PIN; anyone else who signs in starts afresh.</source>
        <translation>Rozpoczęta praca jest zachowana. {name} odblokowuje ekran swoim PIN-em; jeśli zaloguje się ktoś inny, zacznie od nowa.</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>Najpierw wybierz swoje imię.</translation>
    </message>
    <message>
        <source>Wrong PIN. {n} tries left before a one-minute lock.</source>
        <translation>Błędny PIN. Pozostałe próby przed minutową blokadą: {n}.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Błędny PIN.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again after {time}.</source>
        <translation>Zbyt wiele błędnych prób. Spróbuj ponownie po {time}.</translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Na stanie</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Odłożone</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Dostępne</translation>
    </message>
    <message>
        <source>Held for</source>
        <translation>Odłożone dla</translation>
    </message>
    <message>
        <source>{n} by changes not synced yet</source>
        <translation>{n} przez zmiany jeszcze niezsynchronizowane</translation>
    </message>
</context>
<context>
    <name>StoreCreditPanel</name>
    <message>
        <source>Store credit</source>
        <translation>Bon sklepowy</translation>
    </message>
    <message>
        <source>Store-credit code</source>
        <translation>Kod bonu sklepowego</translation>
    </message>
    <message>
        <source>SC-…</source>
        <translation>SC-…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Sprawdź</translation>
    </message>
    <message>
        <source>Ask central what is left</source>
        <translation>Zapytaj centralę o saldo</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Take no store credit</source>
        <translation>Nie przyjmuj bonu sklepowego</translation>
    </message>
    <message>
        <source>That is not a store-credit code; it reads SC- and ten letters or digits.</source>
        <translation>To nie jest kod bonu sklepowego; ma postać SC- i dziesięć liter lub cyfr.</translation>
    </message>
    <message>
        <source>Asking central what is left on {code}…</source>
        <translation>Pytam centralę o saldo bonu {code}…</translation>
    </message>
    <message>
        <source>Store credit needs central to be reachable, and it is not right now: take card or cash, or try again when the tablet is online.</source>
        <translation>Bon sklepowy wymaga połączenia z centralą, a teraz go nie ma: przyjmij kartę lub gotówkę albo spróbuj ponownie, gdy tablet będzie online.</translation>
    </message>
    <message>
        <source>Central knows no store credit {code}; check the code on the receipt.</source>
        <translation>Centrala nie zna bonu sklepowego {code}; sprawdź kod na paragonie.</translation>
    </message>
    <message>
        <source>Store credit {code} is used up: nothing is left on it.</source>
        <translation>Bon sklepowy {code} jest wykorzystany: nic na nim nie zostało.</translation>
    </message>
    <message>
        <source>− {amount}</source>
        <translation>− {amount}</translation>
    </message>
    <message>
        <source>{code}: {balance} left; this sale takes {amount}, {rest} stays on it.</source>
        <translation>{code}: zostało {balance}; ta sprzedaż pobiera {amount}, na bonie zostaje {rest}.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>Sales</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <source>Pickup desk</source>
        <translation>Punkt odbioru</translation>
    </message>
    <message>
        <source>Store manager</source>
        <translation>Kierownik sklepu</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>Podstawowy</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>Srebrny</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Złoty</translation>
    </message>
    <message>
        <source>Web shop</source>
        <translation>Sklep internetowy</translation>
    </message>
    <message>
        <source>Mobile app</source>
        <translation>Aplikacja mobilna</translation>
    </message>
    <message>
        <source>Phone order</source>
        <translation>Zamówienie telefoniczne</translation>
    </message>
    <message>
        <source>In store</source>
        <translation>W sklepie</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Połączono</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Bez połączenia</translation>
    </message>
    <message>
        <source>Connection problems</source>
        <translation>Problemy z połączeniem</translation>
    </message>
    <message>
        <source>This staff member is not active in this store any more; sync the tablet or ask a manager.</source>
        <translation>Ten pracownik nie jest już aktywny w tym sklepie; zsynchronizuj tablet lub poproś kierownika.</translation>
    </message>
    <message>
        <source>Your role does not allow this; ask a manager.</source>
        <translation>Twoja rola na to nie pozwala; poproś kierownika.</translation>
    </message>
    <message>
        <source>This needs a manager&apos;s approval.</source>
        <translation>To wymaga zgody kierownika.</translation>
    </message>
    <message>
        <source>An override needs the manager&apos;s reason — type one in.</source>
        <translation>Zgoda kierownika wymaga uzasadnienia — wpisz je.</translation>
    </message>
    <message>
        <source>Say why this action is given up.</source>
        <translation>Podaj powód wycofania tego działania.</translation>
    </message>
    <message>
        <source>Keep the reason shorter.</source>
        <translation>Skróć powód.</translation>
    </message>
    <message>
        <source>That is not a web address of a central service; check it and try again.</source>
        <translation>To nie jest adres internetowy systemu centralnego; sprawdź go i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>Central does not answer — check the address and the network, then try again.</source>
        <translation>Centrala nie odpowiada — sprawdź adres i połączenie z siecią, a potem spróbuj ponownie.</translation>
    </message>
    <message>
        <source>Central refused this enrollment code: it is wrong, used or expired. Ask for a new code.</source>
        <translation>Centrala odrzuciła ten kod rejestracyjny: jest błędny, został już użyty lub wygasł. Poproś o nowy kod.</translation>
    </message>
    <message>
        <source>Central could not enroll this tablet right now; try again soon.</source>
        <translation>Centrala nie może teraz zarejestrować tego tabletu; spróbuj ponownie za chwilę.</translation>
    </message>
    <message>
        <source>Give the tablet a name of 1 to 120 characters, for example Counter 1.</source>
        <translation>Nadaj tabletowi nazwę o długości od 1 do 120 znaków, np. Lada 1.</translation>
    </message>
    <message>
        <source>Keep the reason under 500 characters.</source>
        <translation>Powód może mieć najwyżej 500 znaków.</translation>
    </message>
    <message>
        <source>This staff member&apos;s PIN cannot be checked on this tablet; sync it, or ask a manager to set the PIN again.</source>
        <translation>Nie można sprawdzić PIN-u tego pracownika na tym tablecie; zsynchronizuj tablet lub poproś kierownika o ponowne ustawienie PIN-u.</translation>
    </message>
    <message>
        <source>This action no longer needs attention; the list is up to date now.</source>
        <translation>Ta czynność nie wymaga już uwagi; lista jest teraz aktualna.</translation>
    </message>
    <message>
        <source>This action is no longer on the tablet; the list is up to date now.</source>
        <translation>Tej czynności nie ma już na tablecie; lista jest teraz aktualna.</translation>
    </message>
    <message>
        <source>The system keyring refused to give the tablet&apos;s credentials; unlock it and try again.</source>
        <translation>Systemowy pęk kluczy nie udostępnił danych logowania tabletu; odblokuj go i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The tablet&apos;s credentials file is not safe (another owner or a link); ask IT to check the data folder.</source>
        <translation>Plik z danymi logowania tabletu nie jest bezpieczny (inny właściciel lub dowiązanie); poproś dział IT o sprawdzenie folderu danych.</translation>
    </message>
    <message>
        <source>This tablet holds another store&apos;s data. Enroll it to that store, or ask IT to reset it.</source>
        <translation>Na tym tablecie są dane innego sklepu. Zarejestruj go w tamtym sklepie lub poproś dział IT o jego wyczyszczenie.</translation>
    </message>
    <message>
        <source>Central cannot be reached right now; the tablet keeps working offline.</source>
        <translation>Brak połączenia z centralą; tablet nadal działa w trybie offline.</translation>
    </message>
    <message>
        <source>Central refused the request: {detail}</source>
        <translation>Centrala odrzuciła żądanie: {detail}</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the log. Nothing entered was lost.</source>
        <translation>Coś poszło nie tak; szczegóły zapisano w dzienniku. Wprowadzone dane nie zostały utracone.</translation>
    </message>
    <message>
        <source>This order holds age-restricted items: check the customer&apos;s ID first.</source>
        <translation>To zamówienie zawiera produkty z ograniczeniem wiekowym: najpierw sprawdź dowód tożsamości klienta.</translation>
    </message>
    <message>
        <source>That online cart is no longer open (finalized or replaced); reload the customer.</source>
        <translation>Ten koszyk online nie jest już otwarty (sfinalizowany lub zastąpiony); wczytaj klienta ponownie.</translation>
    </message>
    <message>
        <source>An online cart is finalized for its customer: identify them.</source>
        <translation>Koszyk online finalizuje się dla jego klienta: zidentyfikuj klienta.</translation>
    </message>
    <message>
        <source>Write down who collects the order.</source>
        <translation>Wpisz, kto odbiera zamówienie.</translation>
    </message>
    <message>
        <source>The comment is too long; shorten it.</source>
        <translation>Komentarz jest za długi; skróć go.</translation>
    </message>
    <message>
        <source>This customer is not on the tablet; find them by scan or search first.</source>
        <translation>Tego klienta nie ma na tablecie; najpierw znajdź go skanem lub wyszukiwaniem.</translation>
    </message>
    <message>
        <source>Write something first: the note is empty.</source>
        <translation>Najpierw coś wpisz: notatka jest pusta.</translation>
    </message>
    <message>
        <source>Choose at least one item to return.</source>
        <translation>Wybierz co najmniej jedną pozycję do zwrotu.</translation>
    </message>
    <message>
        <source>Scan at least one product to sell.</source>
        <translation>Zeskanuj co najmniej jeden produkt do sprzedaży.</translation>
    </message>
    <message>
        <source>These points are worth more than the basket; redeem at most {most}.</source>
        <translation>Te punkty są warte więcej niż koszyk; wykorzystaj najwyżej {most}.</translation>
    </message>
    <message>
        <source>That is not a store-credit code; it reads SC- and ten letters or digits.</source>
        <translation>To nie jest kod bonu sklepowego; ma postać SC- i dziesięć liter lub cyfr.</translation>
    </message>
    <message>
        <source>Store credit is taken by its code: type or scan it and check it first.</source>
        <translation>Bon sklepowy przyjmuje się po kodzie: wpisz go lub zeskanuj i najpierw sprawdź.</translation>
    </message>
    <message>
        <source>Choose the replacement size or colour for an exchange.</source>
        <translation>Przy wymianie wybierz rozmiar lub kolor na wymianę.</translation>
    </message>
    <message>
        <source>An exchange gives the same product in another size or colour; {sku} is another product.</source>
        <translation>Wymiana daje ten sam produkt w innym rozmiarze lub kolorze; {sku} to inny produkt.</translation>
    </message>
    <message>
        <source>A reservation can be held at most {days} days from when it was made.</source>
        <translation>Rezerwację można trzymać najwyżej {days} dni od jej utworzenia.</translation>
    </message>
    <message>
        <source>The hold of this order has not ended yet; wait until {until}.</source>
        <translation>Czas przechowania tego zamówienia jeszcze nie minął; poczekaj do {until}.</translation>
    </message>
    <message>
        <source>The new hold end is in the past — pick a later time.</source>
        <translation>Nowy koniec przechowania jest w przeszłości — wybierz późniejszy czas.</translation>
    </message>
    <message>
        <source>The customer has {balance} points; {points} cannot be redeemed.</source>
        <translation>Klient ma {balance} pkt; nie można wykorzystać {points}.</translation>
    </message>
    <message>
        <source>Only {available} of {sku} are available here, not {qty}; check the stock count.</source>
        <translation>Dostępnych jest tu tylko {available} szt. {sku}, nie {qty}; sprawdź stan magazynu.</translation>
    </message>
    <message>
        <source>That cannot be an id: use 8-40 letters, digits, _ or -.</source>
        <translation>To nie może być identyfikator: użyj 8–40 liter, cyfr, _ lub -.</translation>
    </message>
    <message>
        <source>Note the last 4 letters or digits of the ID.</source>
        <translation>Zapisz ostatnie 4 litery lub cyfry dokumentu.</translation>
    </message>
    <message>
        <source>That is not a kind of note.</source>
        <translation>To nie jest rodzaj notatki.</translation>
    </message>
    <message>
        <source>Type the order number as printed.</source>
        <translation>Wpisz numer zamówienia tak, jak jest wydrukowany.</translation>
    </message>
    <message>
        <source>Points to redeem cannot be negative.</source>
        <translation>Liczba punktów do wykorzystania nie może być ujemna.</translation>
    </message>
    <message>
        <source>Give a quantity of at least one unit for each line.</source>
        <translation>Podaj co najmniej jedną sztukę dla każdej pozycji.</translation>
    </message>
    <message>
        <source>A reservation is cancelled for the customer or the store.</source>
        <translation>Rezerwację anuluje się z powodu klienta albo sklepu.</translation>
    </message>
    <message>
        <source>The feedback names an order id of 1-40 characters.</source>
        <translation>Opinia wskazuje identyfikator zamówienia o długości 1–40 znaków.</translation>
    </message>
    <message>
        <source>The score is 1 (hard) to 5 (easy).</source>
        <translation>Ocena to od 1 (trudno) do 5 (łatwo).</translation>
    </message>
    <message>
        <source>The feedback is about a pickup, a return or a sale.</source>
        <translation>Opinia dotyczy odbioru, zwrotu albo sprzedaży.</translation>
    </message>
    <message>
        <source>Verify by pickup code, loyalty or phone.</source>
        <translation>Zweryfikuj kodem odbioru, kartą lojalnościową lub telefonem.</translation>
    </message>
    <message>
        <source>The new end of the hold needs a time zone.</source>
        <translation>Nowy koniec przechowania wymaga strefy czasowej.</translation>
    </message>
    <message>
        <source>A payment cannot be negative.</source>
        <translation>Płatność nie może być ujemna.</translation>
    </message>
    <message>
        <source>No order here matches that number and phone — check both with the customer, or scan the pickup code from their notification.</source>
        <translation>Żadne zamówienie tutaj nie pasuje do tego numeru i telefonu — sprawdź oba z klientem albo zeskanuj kod odbioru z powiadomienia.</translation>
    </message>
    <message>
        <source>Points are redeemed in blocks of {block}; {points} is not one.</source>
        <translation>Punkty wykorzystuje się w pakietach po {block}; {points} nim nie jest.</translation>
    </message>
    <message>
        <source>This order is not a click-and-collect order.</source>
        <translation>To nie jest zamówienie z odbiorem w sklepie.</translation>
    </message>
    <message>
        <source>The note is too long; shorten it.</source>
        <translation>Notatka jest za długa; skróć ją.</translation>
    </message>
    <message>
        <source>Type the order number and the last three digits of the customer&apos;s phone.</source>
        <translation>Wpisz numer zamówienia i trzy ostatnie cyfry telefonu klienta.</translation>
    </message>
    <message>
        <source>This order has already been collected.</source>
        <translation>To zamówienie zostało już odebrane.</translation>
    </message>
    <message>
        <source>This order is already ready on the shelf.</source>
        <translation>To zamówienie już czeka gotowe na półce.</translation>
    </message>
    <message>
        <source>This order was cancelled.</source>
        <translation>To zamówienie zostało anulowane.</translation>
    </message>
    <message>
        <source>The hold of this order expired; it went back to stock.</source>
        <translation>Przechowanie tego zamówienia wygasło; towar wrócił na stan.</translation>
    </message>
    <message>
        <source>This order is not on the tablet; scan its receipt or pickup code, or search its number while online.</source>
        <translation>Tego zamówienia nie ma na tablecie; zeskanuj paragon lub kod odbioru albo wyszukaj jego numer, gdy jest połączenie.</translation>
    </message>
    <message>
        <source>This order has not been picked and shelved yet.</source>
        <translation>To zamówienie nie zostało jeszcze skompletowane i odłożone na półkę.</translation>
    </message>
    <message>
        <source>This order is not in a state that allows this step.</source>
        <translation>Stan tego zamówienia nie pozwala na ten krok.</translation>
    </message>
    <message>
        <source>This order is collected at another store, not here.</source>
        <translation>To zamówienie odbiera się w innym sklepie, nie tutaj.</translation>
    </message>
    <message>
        <source>The payments and redeemed points must add up to the total; {due} is due.</source>
        <translation>Płatności i wykorzystane punkty muszą dać razem sumę; do zapłaty jest {due}.</translation>
    </message>
    <message>
        <source>Redeem points with the points field, not as a payment.</source>
        <translation>Punkty wykorzystuje się w polu punktów, nie jako płatność.</translation>
    </message>
    <message>
        <source>Line {line} has only {waiting} waiting.</source>
        <translation>Na pozycji {line} czeka tylko {waiting} szt.</translation>
    </message>
    <message>
        <source>Line {line} ({name}): only {left} can be returned, not {qty}.</source>
        <translation>Pozycja {line} ({name}): można zwrócić tylko {left}, nie {qty}.</translation>
    </message>
    <message>
        <source>Points can only be redeemed by a member: scan their card.</source>
        <translation>Punkty może wykorzystać tylko członek programu: zeskanuj jego kartę.</translation>
    </message>
    <message>
        <source>A payment reference has at most 64 characters.</source>
        <translation>Referencja płatności ma najwyżej 64 znaki.</translation>
    </message>
    <message>
        <source>This reservation is not held here; sync the tablet.</source>
        <translation>Ta rezerwacja nie jest trzymana tutaj; zsynchronizuj tablet.</translation>
    </message>
    <message>
        <source>This reservation was already collected; only an active one can change.</source>
        <translation>Ta rezerwacja została już odebrana; zmienić można tylko aktywną.</translation>
    </message>
    <message>
        <source>This reservation was cancelled; only an active one can change.</source>
        <translation>Ta rezerwacja została anulowana; zmienić można tylko aktywną.</translation>
    </message>
    <message>
        <source>This reservation has expired; only an active one can change.</source>
        <translation>Ta rezerwacja wygasła; zmienić można tylko aktywną.</translation>
    </message>
    <message>
        <source>Say where the order waits: a shelf or bin.</source>
        <translation>Podaj, gdzie czeka zamówienie: półka lub pojemnik.</translation>
    </message>
    <message>
        <source>Too many wrong PINs for this staff member; wait {seconds} seconds, then try again.</source>
        <translation>Zbyt wiele błędnych PIN-ów tego pracownika; odczekaj {seconds} s i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>A return has at most 200 lines.</source>
        <translation>Zwrot ma najwyżej 200 pozycji.</translation>
    </message>
    <message>
        <source>This sale has too many payments; combine some.</source>
        <translation>Ta sprzedaż ma za dużo płatności; połącz niektóre.</translation>
    </message>
    <message>
        <source>Every waiting unit is either collected or refused; check the quantities.</source>
        <translation>Każda czekająca sztuka jest albo odebrana, albo odrzucona; sprawdź ilości.</translation>
    </message>
    <message>
        <source>The order has no such line; open it again.</source>
        <translation>Zamówienie nie ma takiej pozycji; otwórz je ponownie.</translation>
    </message>
    <message>
        <source>Product {sku} is not in the tablet&apos;s catalogue; sync, or sell another item.</source>
        <translation>Produktu {sku} nie ma w katalogu tabletu; zsynchronizuj albo sprzedaj inny towar.</translation>
    </message>
    <message>
        <source>Wrong PIN. {attempts} more wrong PIN(s) lock this staff member out for a while; type it again carefully.</source>
        <translation>Błędny PIN. Po {attempts} kolejnych błędnych PIN-ach pracownik zostanie na chwilę zablokowany; wpisz go uważnie.</translation>
    </message>
    <message>
        <source>This item was sold as final sale — only a manager can take it back.</source>
        <translation>Ten towar sprzedano jako wyprzedaż ostateczna — przyjąć go może tylko kierownik.</translation>
    </message>
    <message>
        <source>The {days}-day return window ended on {date} — only a manager can take it back.</source>
        <translation>{days}-dniowy termin zwrotu minął {date} — przyjąć towar może tylko kierownik.</translation>
    </message>
    <message>
        <source>Everything bought on this line has already been returned.</source>
        <translation>Wszystko z tej pozycji zostało już zwrócone.</translation>
    </message>
    <message>
        <source>This item was never collected — use the pickup screen instead.</source>
        <translation>Ten towar nie został odebrany — użyj ekranu odbiorów.</translation>
    </message>
    <message>
        <source>This order is not on the tablet and central cannot be reached; try again when the tablet is online.</source>
        <translation>Tego zamówienia nie ma na tablecie, a centrala nie odpowiada; spróbuj ponownie, gdy tablet będzie online.</translation>
    </message>
</context>
<context>
    <name>ThreadDialog</name>
    <message>
        <source>Thread</source>
        <translation>Wątek</translation>
    </message>
    <message>
        <source>{when} · {channel}</source>
        <translation>{when} · {channel}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Gdzie</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Zdarzenie</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>TodayExport</name>
    <message>
        <source>Time</source>
        <translation>Godzina</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kto</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Czego dotyczy</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Powód</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>The day at {store}: {day}</source>
        <translation>Dzień w sklepie {store}: {day}</translation>
    </message>
    <message>
        <source>Read from the tablet&apos;s store at {time}</source>
        <translation>Dane z bazy tabletu, stan z {time}</translation>
    </message>
    <message>
        <source>Overrides and sensitive actions</source>
        <translation>Wyjątki i działania wrażliwe</translation>
    </message>
    <message>
        <source>None this day.</source>
        <translation>Tego dnia brak.</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Sekcja</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Wskaźnik</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wartość</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <source>Today</source>
        <translation>Dziś</translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation>Pokazany dzień</translation>
    </message>
    <message>
        <source>The day before</source>
        <translation>Dzień wcześniej</translation>
    </message>
    <message>
        <source>The day after</source>
        <translation>Dzień później</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>Export the day as PDF</source>
        <translation>Eksportuj dzień do PDF</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export the day as CSV</source>
        <translation>Eksportuj dzień do CSV</translation>
    </message>
    <message>
        <source>The day</source>
        <translation>Dzień</translation>
    </message>
    <message>
        <source>Overrides and audit</source>
        <translation>Wyjątki i dziennik</translation>
    </message>
    <message>
        <source>To prepare</source>
        <translation>Do przygotowania</translation>
    </message>
    <message>
        <source>Ready on the shelf</source>
        <translation>Gotowe na półce</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Po terminie</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Wydane</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Średnie oczekiwanie</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Zwroty</translation>
    </message>
    <message>
        <source>Effort score</source>
        <translation>Ocena łatwości</translation>
    </message>
    <message>
        <source>Online carts finalized</source>
        <translation>Koszyki online sfinalizowane</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Czeka na wysłanie</translation>
    </message>
    <message>
        <source>Live from this tablet · read at {time}</source>
        <translation>Na żywo z tego tabletu · stan z {time}</translation>
    </message>
    <message>
        <source>known for today only</source>
        <translation>znane tylko dla dzisiaj</translation>
    </message>
    <message>
        <source>{n} without a ready time</source>
        <translation>{n} bez czasu przygotowania</translation>
    </message>
    <message>
        <source>longest {wait}</source>
        <translation>najdłużej {wait}</translation>
    </message>
    <message>
        <source>{n} items, {money}</source>
        <translation>{n} szt., {money}</translation>
    </message>
    <message>
        <source>{n} answers</source>
        <translation>odpowiedzi: {n}</translation>
    </message>
    <message>
        <source>{money} · of {n} sales</source>
        <translation>{money} · z {n} sprzedaży</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>ostatnia synchronizacja {time}</translation>
    </message>
    <message>
        <source>no sync since the app started</source>
        <translation>brak synchronizacji od uruchomienia</translation>
    </message>
    <message>
        <source>{n} refused</source>
        <translation>odrzucone: {n}</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumenty PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the day</source>
        <translation>Eksport dnia</translation>
    </message>
    <message>
        <source>The file could not be written ({why}); choose another folder.</source>
        <translation>Nie udało się zapisać pliku ({why}); wybierz inny folder.</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Zapisano: {path}.</translation>
    </message>
</context>
<context>
    <name>TodayWords</name>
    <message>
        <source>Return out of policy</source>
        <translation>Zwrot poza regulaminem</translation>
    </message>
    <message>
        <source>Manager approval refused</source>
        <translation>Odmowa zgody kierownika</translation>
    </message>
    <message>
        <source>Expired hold</source>
        <translation>Zakończone przechowywanie</translation>
    </message>
    <message>
        <source>Revealed contact</source>
        <translation>Odsłonięty kontakt</translation>
    </message>
    <message>
        <source>Discarded attention item</source>
        <translation>Porzucona sprawa do decyzji</translation>
    </message>
    <message>
        <source>Reservation changed</source>
        <translation>Zmiana rezerwacji</translation>
    </message>
    <message>
        <source>done, sent to central</source>
        <translation>wykonane, wysłane do centrali</translation>
    </message>
    <message>
        <source>done</source>
        <translation>wykonane</translation>
    </message>
    <message>
        <source>given up</source>
        <translation>porzucone</translation>
    </message>
    <message>
        <source>refused by the tablet</source>
        <translation>odrzucone przez tablet</translation>
    </message>
    <message>
        <source>wrong PIN</source>
        <translation>błędny PIN</translation>
    </message>
    <message>
        <source>locked out after wrong PINs</source>
        <translation>zablokowane po błędnych PIN-ach</translation>
    </message>
    <message>
        <source>not a manager of this store</source>
        <translation>nie jest kierownikiem tego sklepu</translation>
    </message>
    <message>
        <source>PIN cannot be checked on this tablet</source>
        <translation>nie można sprawdzić PIN-u na tym tablecie</translation>
    </message>
    <message>
        <source>Wait, ready to collected, by hour</source>
        <translation>Oczekiwanie od gotowości do odbioru, wg godziny</translation>
    </message>
    <message>
        <source>No pickup was released this day.</source>
        <translation>Tego dnia nic nie wydano.</translation>
    </message>
    <message>
        <source>Returned items by reason</source>
        <translation>Zwrócone sztuki wg powodu</translation>
    </message>
    <message>
        <source>Nothing was returned here this day.</source>
        <translation>Tego dnia nic tu nie zwrócono.</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Nieznany</translation>
    </message>
    <message>
        <source>Returns by the original order&apos;s channel</source>
        <translation>Zwroty wg kanału zamówienia</translation>
    </message>
    <message>
        <source>Effort scores (1 hard – 5 easy)</source>
        <translation>Oceny łatwości (1 trudno – 5 łatwo)</translation>
    </message>
    <message>
        <source>No customer scored their visit this day.</source>
        <translation>Tego dnia nikt nie ocenił wizyty.</translation>
    </message>
    <message>
        <source>Not a return: expired holds refunded</source>
        <translation>Poza zwrotami: zwroty pieniędzy za wygasłe odbiory</translation>
    </message>
    <message>
        <source>Not a return: short picks refunded</source>
        <translation>Poza zwrotami: zwroty pieniędzy za braki przy kompletacji</translation>
    </message>
    <message>
        <source>Not a return: refused at pickup</source>
        <translation>Poza zwrotami: odmowy przy odbiorze</translation>
    </message>
    <message>
        <source>Refunds, not returns: {n}</source>
        <translation>Zwroty środków bez towaru: {n}</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>Odbiory</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Zwroty</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <source>Effort score</source>
        <translation>Ocena łatwości</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronizacja</translation>
    </message>
    <message>
        <source>To prepare now</source>
        <translation>Do przygotowania teraz</translation>
    </message>
    <message>
        <source>Ready on the shelf now</source>
        <translation>Gotowe na półce teraz</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Po terminie teraz</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Wydane</translation>
    </message>
    <message>
        <source>Average wait, ready to collected</source>
        <translation>Średnie oczekiwanie od gotowości do odbioru</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Najdłuższe oczekiwanie</translation>
    </message>
    <message>
        <source>Items returned</source>
        <translation>Zwrócone sztuki</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Zwrócone pieniądze</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Powód: {reason}</translation>
    </message>
    <message>
        <source>Bought via: {channel}</source>
        <translation>Kupione przez: {channel}</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Średnia</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Odpowiedzi</translation>
    </message>
    <message>
        <source>Score {n}</source>
        <translation>Ocena {n}</translation>
    </message>
    <message>
        <source>Online carts finalized here</source>
        <translation>Koszyki online sfinalizowane tutaj</translation>
    </message>
    <message>
        <source>Value of the carts</source>
        <translation>Wartość koszyków</translation>
    </message>
    <message>
        <source>All sales here</source>
        <translation>Wszystkie sprzedaże tutaj</translation>
    </message>
    <message>
        <source>Value of all sales</source>
        <translation>Wartość wszystkich sprzedaży</translation>
    </message>
    <message>
        <source>Actions waiting to be sent</source>
        <translation>Działania czekające na wysłanie</translation>
    </message>
    <message>
        <source>Refused, waiting for a decision</source>
        <translation>Odrzucone, czekają na decyzję</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Ostatnia synchronizacja</translation>
    </message>
    <message>
        <source>{who}, asking {manager}</source>
        <translation>{who}, prośba do: {manager}</translation>
    </message>
    <message>
        <source>{who}, approved by {manager}</source>
        <translation>{who}, zatwierdził(a) {manager}</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Sync state</source>
        <translation>Stan synchronizacji</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchronizuj teraz</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Type a code</source>
        <translation>Wpisz kod</translation>
    </message>
    <message>
        <source>Tablet settings</source>
        <translation>Ustawienia tabletu</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Zablokuj</translation>
    </message>
    <message>
        <source>Lock the screen (Ctrl+L)</source>
        <translation>Zablokuj ekran (Ctrl+L)</translation>
    </message>
    <message>
        <source>Nobody signed in</source>
        <translation>Nikt nie jest zalogowany</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>oczekujące: {n}</translation>
    </message>
    <message>
        <source>{n} need attention</source>
        <translation>wymaga uwagi: {n}</translation>
    </message>
    <message>
        <source>synced {time}</source>
        <translation>zsynchronizowano {time}</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>jeszcze nie zsynchronizowano</translation>
    </message>
</context>
</TS>
